/**
 * Example ids of the OpenAPI document, shared by the DTOs so that one story holds across requests: a candidate's
 * case on the spreadsheet data-analysis standard, its three learning outcomes, a criterion and the case's assessor.
 */
export const EXAMPLE_ID = {
  standard: 'b5fc56ca-8444-4712-aa4f-936ae1ae3d41',
  /** LO1 (prepare a raw data set), LO2 (summarise with formulas and pivot tables), LO3 (present findings). */
  learningOutcomes: ['9d1d358a-8cd3-4348-a3b0-96bca321a96e', '837eb9e8-8c81-421f-93f9-7d91bc70ed64', '796a5ca0-81b7-45ab-954a-9b7220909ad7'],
  /** LO1.1: removes duplicates and fixes inconsistent values. */
  criterion: '0fa7b147-60b6-4b9a-9778-eb83b3b327a8',
  assessor: '7f5a4605-09aa-420f-bdc8-87848f13af8e',
  candidate: 'daec3b8d-1a96-40bc-8169-4e372f801b53',
} as const;
