/**
 * The Office theme in the pane: the body colours of Office.context.officeTheme (Office.OfficeTheme, supported by
 * Excel on the web, Windows, Mac and iPad) become the pane's --bg and --text, and a dark body switches the pane's
 * own colours to their dark set (data-theme="dark" in taskpane.css). The colours come from the host: each is taken
 * only as a "#RRGGBB" triplet, and the pair only when its text is readable on its background (WCAG contrast 4.5:1);
 * anything else leaves the light pane as it is.
 */

export interface PaneTheme {
  bg: string;
  text: string;
  dark: boolean;
}

const HEX = /^#[0-9a-f]{6}$/i;

/** WCAG relative luminance of a "#RRGGBB" colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two "#RRGGBB" colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The pane's theme from Office's, or undefined when Office gives none or one the pane cannot use. */
export function paneTheme(
  office: { bodyBackgroundColor?: unknown; bodyForegroundColor?: unknown } | undefined,
): PaneTheme | undefined {
  const bg = office?.bodyBackgroundColor;
  const text = office?.bodyForegroundColor;
  if (typeof bg !== "string" || typeof text !== "string" || !HEX.test(bg) || !HEX.test(text)) return undefined;
  if (contrast(bg, text) < 4.5) return undefined;
  return { bg, text, dark: luminance(bg) < luminance(text) };
}

/** Applies Office's theme to the page, when there is one the pane can use. */
export function applyOfficeTheme(office: Parameters<typeof paneTheme>[0]): void {
  const theme = paneTheme(office);
  if (!theme) return;
  const root = document.documentElement;
  root.style.setProperty("--bg", theme.bg);
  root.style.setProperty("--text", theme.text);
  if (theme.dark) root.dataset.theme = "dark";
  else delete root.dataset.theme;
}
