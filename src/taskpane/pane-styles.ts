/** Pane layout styles, injected once (no CSS loader in the build). */
export const PANE_CSS = `
html, body { margin: 0; height: 100%; font-family: "Segoe UI", system-ui, -apple-system, sans-serif; background: #fff; }
#root { height: 100%; }
body.preview #root { display: flex; height: 100vh; }
body.preview #pane { width: 360px; min-width: 320px; border-right: 1px solid #d6d6d6; overflow-y: auto; }
body.preview #workbook { flex: 1; min-width: 0; overflow: hidden; display: flex; flex-direction: column; }
.app { padding: 12px; display: flex; flex-direction: column; gap: 10px; box-sizing: border-box; max-width: 100%; }
.app-header { display: flex; align-items: baseline; gap: 8px; }
.app-header .subtitle { color: #616161; }
.tab-body { display: flex; flex-direction: column; gap: 10px; padding-top: 6px; }
.tab-body h2 { margin: 8px 0 0; }
.row { display: flex; gap: 8px; flex-wrap: wrap; }
.row > * { flex: 1 1 140px; }
.buttons { display: flex; gap: 8px; flex-wrap: wrap; }
.form { display: flex; flex-direction: column; gap: 8px; border: 1px solid #e0e0e0; border-radius: 6px; padding: 10px; }
.hint { color: #616161; font-size: 12px; margin: 0; }
.status-area { display: flex; flex-direction: column; gap: 8px; }
.busy { display: flex; flex-direction: column; gap: 4px; }
.pairs { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 4px 0; font-size: 13px; }
.pairs dt { color: #616161; }
.pairs dd { margin: 0; }
.table-scroll { overflow-x: auto; max-width: 100%; }
.tab-body .fui-Field, .tab-body form, .tab-body fieldset > * { min-width: 0; }
.tab-body .fui-Select { width: 100%; max-width: 100%; min-width: 0; }
.tab-body .fui-Select__select { min-width: 0; width: 100%; text-overflow: ellipsis; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.record-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; }
.record-list li { display: grid; grid-template-columns: minmax(0, 1fr) auto; column-gap: 4px; padding: 4px 0; border-bottom: 1px solid #eee; font-size: 13px; }
.record-title { grid-column: 1; overflow-wrap: anywhere; }
.record-code { font-weight: 600; }
.record-detail { grid-column: 1; color: #616161; font-size: 12px; overflow-wrap: anywhere; }
.record-actions { grid-column: 2; grid-row: 1 / span 2; display: flex; align-items: center; }
.record-actions button { min-width: 0; padding: 0 6px; }
.stack { display: flex; flex-direction: column; gap: 8px; }
.record-editor { display: flex; flex-direction: column; gap: 8px; }
fieldset { border: 1px solid #e0e0e0; border-radius: 6px; margin: 0; padding: 6px 10px 10px; display: flex; flex-direction: column; gap: 6px; min-width: 0; }
legend { font-weight: 600; font-size: 13px; padding: 0 4px; }
.alt-codes ul { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 2px; }
.alt-codes li { display: flex; justify-content: space-between; align-items: center; gap: 6px; font-size: 12px; overflow-wrap: anywhere; }
.post-actions { display: grid; grid-template-columns: 1fr; gap: 4px; }
.post-actions .fui-Field { grid-template-columns: minmax(0, 1fr) 110px; }
.post-actions label { font-size: 12px; overflow-wrap: anywhere; }
.fee-map summary { cursor: pointer; font-weight: 600; font-size: 13px; padding: 4px 0; }
.plain-table { border-collapse: collapse; font-size: 12px; width: 100%; }
.plain-table th, .plain-table td { text-align: left; padding: 2px 4px; border-bottom: 1px solid #eee; }
.plain-table td:first-child { overflow-wrap: anywhere; }
.plain-table select { font: inherit; max-width: 110px; }
.store-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.store-card { border: 1px solid #e0e0e0; border-radius: 6px; padding: 8px 10px; display: flex; flex-direction: column; gap: 2px; }
.store-head { display: flex; justify-content: space-between; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.store-meta { color: #616161; overflow-wrap: anywhere; }
.scroll-x { overflow-x: auto; max-width: 100%; }
.waterfall { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; }
.waterfall li { padding: 4px 0; border-bottom: 1px solid #eee; font-size: 13px; min-width: 0; }
.waterfall li.broken { background: #fde7e9; }
.waterfall-head { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; flex-wrap: wrap; }
.waterfall-date { font-weight: 600; }
.waterfall-payout { margin-left: auto; }
.waterfall-parts { display: flex; flex-wrap: wrap; gap: 0 10px; color: #616161; font-size: 12px; }
.waterfall-parts > span { white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.gate { display: flex; flex-direction: column; gap: 6px; align-items: flex-start; }
.gate-text { font-weight: 600; }
.error-text { color: #c50f1f; }
.problems { margin: 0; padding-left: 18px; }
.runs { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; font-size: 13px; }
.runs li { display: flex; justify-content: space-between; align-items: center; gap: 8px; flex-wrap: wrap; }
`;

export function injectPaneStyles(): void {
  const style = document.createElement("style");
  style.textContent = PANE_CSS;
  document.head.append(style);
}
