/** The report's whole stylesheet, inlined so the HTML file is one artifact that opens anywhere. */
export const REPORT_CSS = `
:root { color-scheme: light dark; --dim: #6a737d; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --line: #d0d7de; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: rgba(127,127,127,.08); padding: .5rem; margin: .25rem 0; }
code, pre { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--line); padding: .25rem .6rem; text-align: left; }
.totals td { text-align: right; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; } dt { color: var(--dim); } dd { margin: 0; }
dd ul { margin: 0; padding: 0; list-style: none; }
.status { font-size: .9rem; padding: .1rem .5rem; border-radius: 1rem; color: #fff; background: var(--bad); vertical-align: middle; }
.status.succeeded { background: var(--ok); } .status.skipped { background: var(--dim); }
.dim, .label { color: var(--dim); } .label { font-size: .8rem; text-transform: uppercase; }
details { border-left: 3px solid var(--line); padding-left: .75rem; margin: .5rem 0; }
details.turn > summary { font-weight: 600; }
details.tool.ok { border-color: var(--ok); } details.tool.error, .event.error, .event.rejected { border-color: var(--bad); color: var(--bad); }
.event.limit, .event.warning { color: var(--warn); } .event.applied { color: var(--ok); } .event.resume { font-weight: bold; border-top: 2px dashed var(--warn); padding-top: .5em; }
summary { cursor: pointer; }
`;
