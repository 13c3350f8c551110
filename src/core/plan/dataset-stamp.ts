/** The dataset a plan is built from, as the workbook records it: its version and edition. */
export interface DatasetStamp {
  version: string;
  edition: string;
}
