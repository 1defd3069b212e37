// The worker's workflowsPath entry: every workflow the worker registers is exported here.
export { caseWorkflow } from './case.workflow';
export { reconcileCasesWorkflow } from './reconciler.workflow';
