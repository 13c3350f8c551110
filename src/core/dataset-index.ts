/** The index of the bundled dataset, built once when the add-in loads. */
import { DATASET } from "../data/bundled";
import { buildIndex } from "./lookup";

export const INDEX = buildIndex(DATASET);
