/**
 * The bundled dataset and its index as constants, for the modules that need them as soon as they load: the pane's
 * tools (pane-tools.js, which loads after the first screen), the scripts and the tests. The custom functions and the
 * pane's first screen take them on first use instead (./bundled-dataset.ts), so that loading the page builds nothing.
 */
import { bundledDataset, bundledIndex } from "./bundled-dataset";

export const DATASET = bundledDataset();
export const INDEX = bundledIndex();
