/**
 * Renders an entity's card layout as HTML, the way Excel lays a card out (title, subtitle, sections of
 * label/value rows, provider at the bottom), so the browser test can show what a card holds.
 */
import type { PropertyValue, SegmentEntity } from "../../src/core/functions";

const escape = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

function show(v: PropertyValue): string {
  switch (v.type) {
    case "String":
      return escape(v.basicValue);
    case "FormattedNumber":
      return v.numberFormat.includes("%")
        ? `${(v.basicValue * 100).toFixed(v.numberFormat.includes(".00") ? 2 : 0)}%`
        : v.basicValue.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    case "Error":
      return `<span class="na">#N/A</span>`;
  }
}

export function cardHtml(e: SegmentEntity): string {
  const card = e.layouts.card;
  const sections = card.sections
    .map(
      (s) =>
        // a titled section is collapsible (CardLayoutSectionStandardProperties.collapsible: "If the card section has a
        // title, the default value is true"); a collapsed one starts closed
        `<section><h3>${escape(s.title)} ${s.collapsed ? "▸" : "▾"}</h3><dl>${s.properties
          .map((p) => `<dt>${escape(p)}</dt><dd>${show(e.properties[p])}</dd>`)
          .join("")}</dl></section>`,
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(e.text)} card</title><style>
body{font-family:"Segoe UI",system-ui,sans-serif;font-size:13px;margin:12px;background:#f3f3f3}
.card{width:340px;background:#fff;border:1px solid #d0d0d0;border-radius:8px;box-shadow:0 2px 8px rgba(0,0,0,.15);padding:14px 16px}
h2{margin:0;font-size:18px} .sub{color:#555;margin:2px 0 10px} h3{font-size:12px;color:#00737d;margin:12px 0 4px;text-transform:uppercase;letter-spacing:.03em}
dl{display:grid;grid-template-columns:120px 1fr;gap:3px 8px;margin:0} dt{color:#555} dd{margin:0} .na{color:#a4262c}
footer{margin-top:12px;border-top:1px solid #eee;padding-top:6px;color:#555;font-size:11px}
</style></head><body><main class="card"><h2>${escape(e.text)}</h2><p class="sub">${show(e.properties[card.subTitle.property])}</p>${sections}<footer>Data provided by ${escape(e.provider.description)}</footer></main></body></html>`;
}
