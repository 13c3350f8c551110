/**
 * The bundled dataset and its index, each built once when the add-in loads. In the task pane's page both
 * bundles share this module: the functions bundle holds it and the pane's bundle depends on it.
 */
import { buildDataset } from "./build";
import { buildIndex } from "./dataset-index";
import { IOMT_2026_01_06 } from "./iomt-2026-01-06";

export const DATASET = buildDataset(IOMT_2026_01_06);
export const INDEX = buildIndex(DATASET);
