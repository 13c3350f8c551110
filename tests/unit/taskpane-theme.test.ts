/** The Office theme taken into the pane: only well-formed colours, only a readable pair. */
import { contrast, paneTheme } from "../../src/taskpane/theme";

test("Excel's dark and light themes: the body colours, dark when the background is the darker", () => {
  expect(paneTheme({ bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF" })).toEqual({
    bg: "#262626",
    text: "#FFFFFF",
    dark: true,
  });
  expect(paneTheme({ bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#262626" })).toEqual({
    bg: "#ffffff",
    text: "#262626",
    dark: false,
  });
});

test("no theme, a malformed colour or an unreadable pair leave the pane as it is", () => {
  expect(paneTheme(undefined)).toBeUndefined();
  expect(paneTheme({})).toBeUndefined();
  expect(paneTheme({ bodyBackgroundColor: "red", bodyForegroundColor: "#ffffff" })).toBeUndefined();
  expect(paneTheme({ bodyBackgroundColor: "#262626;x:y", bodyForegroundColor: "#ffffff" })).toBeUndefined();
  expect(paneTheme({ bodyBackgroundColor: 0x262626, bodyForegroundColor: "#ffffff" })).toBeUndefined();
  expect(paneTheme({ bodyBackgroundColor: "#777777", bodyForegroundColor: "#888888" })).toBeUndefined();
});

test("contrast follows WCAG: black on white is 21, a colour on itself 1", () => {
  expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
  expect(contrast("#ffffff", "#000000")).toBeCloseTo(21, 5);
  expect(contrast("#336699", "#336699")).toBe(1);
});
