/**
 * The bundled dataset and its consistency checks (its index is in ./bundled, the one module the functions bundle
 * imports), followed by the checks of other publishers' estimates.
 */
import { DATASET } from "./bundled";
import { consistencyChecks } from "./checks";
import { PUBLISHER_ESTIMATES } from "./estimates";
import { publisherChecks } from "./publisher-checks";

export { DATASET };
export const CHECKS = [...consistencyChecks(DATASET), ...publisherChecks(PUBLISHER_ESTIMATES)];
