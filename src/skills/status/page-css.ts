// The status page's stylesheet, inline so the page is one request and needs nothing else.
// Colour is never the only signal: every status is also written out. Text colours keep a
// 4.5:1 contrast; on narrow screens the bars show the last 30 days, as Statuspage does.
export const PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2933;background:#f5f7fa}
a{color:#1c5fc4}
.wrap{max-width:860px;margin:0 auto;padding:1.25rem 1rem 3rem}
header h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:2rem 0 .75rem}
h3{font-size:1.05rem;margin:0}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.banner{border-radius:8px;padding:1rem 1.25rem;color:#fff;font-weight:600;font-size:1.2rem;display:flex;justify-content:space-between;flex-wrap:wrap;gap:.5rem}
.banner p{margin:0}.banner .when{font-weight:400;font-size:.9rem;color:inherit}
.ind-none{background:#1a7f45}.ind-minor{background:#f2c94c;color:#3d2e00}.ind-major{background:#b4520a}.ind-critical{background:#c0262d}.ind-maintenance{background:#1c5fc4}
.card{background:#fff;border:1px solid #dde3ea;border-radius:8px;margin:0 0 1rem;overflow:hidden}
.group>h3{padding:.75rem 1rem;border-bottom:1px solid #dde3ea;display:flex;justify-content:space-between;gap:.5rem}
.components{list-style:none;margin:0;padding:0}
.component{padding:.9rem 1rem;border-bottom:1px solid #edf0f4}.component:last-child{border-bottom:0}
.head{display:flex;justify-content:space-between;align-items:baseline;gap:.75rem;flex-wrap:wrap}
.head h4{margin:0;font-size:1rem}
.desc,.note{margin:.15rem 0 0;font-size:.9rem;color:#52606d}
.status{font-weight:600;font-size:.95rem}
.st-operational{color:#1a7f45}.st-degraded_performance{color:#7a5600}.st-partial_outage{color:#a14a00}.st-major_outage{color:#c0262d}.st-under_maintenance{color:#1c5fc4}
.bars{display:flex;gap:2px;list-style:none;margin:.6rem 0 .3rem;padding:0;height:34px}
.bar{flex:1 1 0;min-width:2px;border-radius:2px}
.bar:hover{opacity:.7}
.b-operational{background:#3bb273}.b-degraded_performance{background:#f2c94c}.b-partial_outage{background:#f2994a}.b-major_outage{background:#e5484d}.b-under_maintenance{background:#4c8df6}.b-nodata{background:#d5dae1}
.axis{display:flex;align-items:center;gap:.5rem;font-size:.8rem;color:#52606d}
.axis .rule{flex:1;border-top:1px solid #dde3ea}
.d30{display:none}
.incident,.maint{padding:1rem}
.incident h3 a,.maint h3{color:inherit}
.meta{margin:.15rem 0 .5rem;font-size:.85rem;color:#52606d}
.impact-critical{border-left:6px solid #c0262d}.impact-major{border-left:6px solid #b4520a}.impact-minor{border-left:6px solid #d9a400}.impact-none{border-left:6px solid #7b8794}.maint{border-left:6px solid #1c5fc4}
.updates{list-style:none;margin:0;padding:0}
.updates li{padding:.4rem 0;border-top:1px solid #edf0f4}
.updates p{margin:0}.when{font-size:.85rem;color:#52606d}
.day{padding:.75rem 1rem}
.day h3{font-size:1rem;border-bottom:1px solid #dde3ea;padding-bottom:.35rem;margin-bottom:.5rem}
.day .item{margin:.5rem 0}.day .item p{margin:0}
.none{color:#52606d;margin:.25rem 0}
footer{margin-top:2rem;font-size:.85rem;color:#52606d;display:flex;justify-content:space-between;flex-wrap:wrap;gap:.5rem}
@media (max-width:600px){
  .wrap{padding:.75rem .6rem 2rem}
  .banner{font-size:1.05rem}
  .bars li:nth-child(-n+60){display:none}
  .d90{display:none}.d30{display:inline}
}
@media (prefers-reduced-motion:no-preference){.bar{transition:opacity .1s}}
`;
