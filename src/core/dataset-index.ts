/** The bundled index now lives with the dataset (data/bundled.ts); this name stays for modules that still import it here. */
export { INDEX } from "../data/bundled";
