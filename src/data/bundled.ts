/** The bundled dataset, built and checked against its schema once when the add-in loads. */
import { buildDataset } from "./build";
import { IOMT_2026_01_06 } from "./iomt-2026-01-06";

export const DATASET = buildDataset(IOMT_2026_01_06);
