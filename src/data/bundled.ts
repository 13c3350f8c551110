/**
 * The bundled dataset and its index, each built once when the add-in loads. The build checks the same entries
 * first (buildDataset, scripts/check-dataset.js), so here they are only assembled. In the task pane's page the
 * functions bundle holds this module and the pane's bundle takes it from there: one copy, built once.
 */
import { assembleDataset } from "./assemble";
import { buildIndex } from "./dataset-index";
import { IOMT_2026_01_06 } from "./iomt-2026-01-06";

export const DATASET = assembleDataset(IOMT_2026_01_06);
export const INDEX = buildIndex(DATASET);
