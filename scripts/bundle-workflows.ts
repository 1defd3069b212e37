/**
 * The last step of `npm run build`: bundles the compiled workflows into dist/workflows/workflow-bundle.js, which
 * the worker then loads instead of bundling them at every start (see `workflowCode` in apps/worker/src/case-worker.ts).
 */
import { BUILT_WORKFLOW_BUNDLE, writeWorkflowBundle } from '../apps/worker/src/case-worker';

writeWorkflowBundle(BUILT_WORKFLOW_BUNDLE).then(
  () => console.log(`workflows bundled: ${BUILT_WORKFLOW_BUNDLE}`),
  (err: unknown) => {
    console.error(`could not bundle the workflows: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
