/**
 * The bundled dataset and its index, each built once, on first use: the custom functions' first call, or the pane's
 * tools when they load. Not when the add-in's page loads: that is the pane's time to ready, and the first screen
 * needs only the dataset's info, which is as printed. The build checks the same entries first (buildDataset,
 * scripts/check-dataset.js), so here they are only assembled. In the task pane's page the functions bundle holds
 * this module and the pane's tools take it from there: one copy, built once.
 */
import { assembleDataset } from "./assemble";
import { buildIndex, type DatasetIndex } from "./dataset-index";
import { IOMT_2026_01_06 } from "./iomt-2026-01-06";
import type { Dataset } from "./schema";

/** The bundled dataset's info (title, edition, version, source, years), as entered: nothing to assemble. */
export const BUNDLED_INFO: Dataset["info"] = IOMT_2026_01_06.info;

/** How many figures the bundled dataset has: assembleDataset adds each entered figure and each derivation once. */
export const BUNDLED_FIGURE_COUNT = IOMT_2026_01_06.figures.length + IOMT_2026_01_06.derivations.length;

let dataset: Dataset | undefined;
let index: DatasetIndex | undefined;

/** The bundled dataset, assembled on the first call. */
export function bundledDataset(): Dataset {
  return dataset ?? (dataset = assembleDataset(IOMT_2026_01_06));
}

/** The bundled dataset's index, built on the first call. */
export function bundledIndex(): DatasetIndex {
  return index ?? (index = buildIndex(bundledDataset()));
}
