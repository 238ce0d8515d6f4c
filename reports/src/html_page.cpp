// The page skeleton of the HTML report: head, inline CSS, header with the
// run's verdict and totals, the sections, inline JS for filters and copying.
#include <fmt/format.h>

#include <ostream>

#include "html_parts.hpp"
#include "text.hpp"
#include "weft/reports/html.hpp"

namespace weft::reports {
namespace html {

std::string esc(std::string_view s) { return text::xml_escape(s, true); }
std::string attr(std::string_view s) { return text::xml_escape(s, false); }

std::string_view style() {
  return R"css(
:root{--bg:#f5f6f8;--card:#fff;--line:#d8dde3;--text:#1d2330;--muted:#5f6b7a;--ok:#1a7f37;--ok-bg:#dcf5e3;
--bad:#c62828;--bad-bg:#fde3e3;--accent:#1f5fbf;--warn:#9a6700;--warn-bg:#fff3c4;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
header.top{background:#18202e;color:#e8edf4;padding:22px 32px 18px}
header.top .brand{font:600 13px var(--mono);letter-spacing:.12em;color:#8fb4ff;text-transform:uppercase}
header.top h1{margin:4px 0 6px;font-size:24px;font-weight:600}
header.top .meta{color:#aab6c6;font-size:13px;display:flex;flex-wrap:wrap;gap:4px 18px}
header.top .meta code{color:#e8edf4}
.verdict{display:inline-block;margin-top:12px;padding:6px 14px;border-radius:6px;font-weight:700;letter-spacing:.03em}
.verdict.ok{background:var(--ok);color:#fff}.verdict.bad{background:var(--bad);color:#fff}
main{max-width:1400px;margin:0 auto;padding:20px 32px 48px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 20px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:140px}
.card .n{font-size:22px;font-weight:650}.card .l{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.05em}
.card.bad .n{color:var(--bad)}
h2{font-size:18px;margin:28px 0 10px}
.filters{display:flex;flex-wrap:wrap;align-items:center;gap:10px 18px;background:var(--card);border:1px solid var(--line);border-radius:8px 8px 0 0;padding:10px 14px}
.filters label{color:var(--muted);font-size:13px}
.filters select,.filters input{margin-left:6px;font:inherit;padding:3px 6px;border:1px solid var(--line);border-radius:5px;background:#fff}
.filters .count{margin-left:auto;color:var(--muted);font-size:13px}
table{border-collapse:collapse;width:100%}
table.summary{background:var(--card);border:1px solid var(--line);border-top:0}
table.summary th{position:sticky;top:0;background:#eef1f5;text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);padding:7px 10px;border-bottom:1px solid var(--line)}
table.summary td{padding:7px 10px;border-bottom:1px solid #edf0f3;vertical-align:top}
table.summary td.engine{white-space:nowrap;color:var(--muted);font-size:13px}
table.summary td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.summary tr.unexpected td{background:#fff7f7}
table.summary .name{font-family:var(--mono);font-weight:600}
table.summary .sub{color:var(--muted);font-size:12px}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:650;white-space:nowrap}
.badge.ok{background:var(--ok-bg);color:var(--ok)}.badge.bad{background:var(--bad-bg);color:var(--bad)}
.kind{display:inline-block;padding:1px 7px;margin:1px 2px 1px 0;border-radius:4px;font:600 12px var(--mono);background:#e8edf5;color:#2a3a55}
.kind.clean{background:#eef5ee;color:var(--ok)}
.kind[data-kind=data_race],.kind[data-kind=tsan_data_race]{background:#fff0dc;color:#9a4d00}
.kind[data-kind=deadlock],.kind[data-kind=lost_wakeup],.kind[data-kind=lock_order_inversion],.kind[data-kind=tsan_lock_order_inversion]{background:#efe6ff;color:#5b2ea6}
.kind[data-kind=assertion],.kind[data-kind=linearizability],.kind[data-kind=crash]{background:#fde3e3;color:#a01d1d}
section.scenario{background:var(--card);border:1px solid var(--line);border-radius:8px;margin:14px 0;overflow:hidden}
section.scenario>h3{margin:0;padding:10px 16px;font-size:15px;background:#f0f3f7;border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;gap:10px;align-items:center}
section.scenario>h3 .name{font-family:var(--mono)}
section.scenario>h3 .exp{color:var(--muted);font-weight:400;font-size:13px}
article.finding{padding:14px 16px 16px;border-top:1px solid #edf0f3}
article.finding:first-of-type{border-top:0}
article.finding h4{margin:0 0 6px;font-size:15px;display:flex;gap:8px;align-items:baseline}
article.finding .msg{font-weight:600}
.facts{color:var(--muted);font-size:12.5px;margin-bottom:8px}
.facts span+span:before{content:" · "}
.cols{display:grid;grid-template-columns:minmax(260px,1fr) minmax(260px,1fr);gap:8px 24px}
.block h5{margin:8px 0 4px;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
ul.plain{margin:0;padding-left:18px}ul.plain li{font-family:var(--mono);font-size:12.5px;margin:1px 0}
ul.details li{white-space:pre-wrap}
.lanes-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:6px;background:#fbfcfd;margin:10px 0 4px}
svg.lanes{display:block}
svg.lanes .lane-bg{fill:#fff}svg.lanes .lane-bg.alt{fill:#f4f6f9}
svg.lanes .lane-line{stroke:#c9d1db;stroke-width:1}
svg.lanes .lane-label{font:600 12px var(--mono);fill:#2a3a55}
svg.lanes .axis{font:10px var(--mono);fill:#7b8794}
svg.lanes .band{fill:#ffd9d9;opacity:.55}
svg.lanes .ev rect{stroke:#fff;stroke-width:1;rx:4}
svg.lanes .ev text{font:600 10px var(--mono);fill:#fff;text-anchor:middle;dominant-baseline:central;pointer-events:none}
svg.lanes .ev text.obj{font:500 9.5px var(--mono);fill:#4a5566}
svg.lanes .ev.hl text.obj{fill:#c62828;font-weight:700}
svg.lanes .ev.sync rect{fill:#3b6fd0}svg.lanes .ev.mem rect{fill:#2f9e6e}svg.lanes .ev.wait rect{fill:#8a57d1}
svg.lanes .ev.thread rect{fill:#7b8794}svg.lanes .ev.other rect{fill:#b07d2b}
svg.lanes .ev.stale rect{stroke:#e8590c;stroke-width:3}
svg.lanes .ev.hl rect{stroke:#c62828;stroke-width:3}
svg.lanes .link{fill:none;stroke:#c62828;stroke-width:2;stroke-dasharray:5 3}
svg.lanes .rf path{fill:none;stroke:#e8590c;stroke-width:1.8}svg.lanes .rf polygon{fill:#e8590c}
svg.lanes .elided{font:italic 10px var(--mono);fill:#7b8794}
svg.history{display:block}
svg.history .row-bg{fill:#fff}svg.history .row-bg.alt{fill:#f4f6f9}
svg.history .row-label{font:600 12px var(--mono);fill:#2a3a55}
svg.history .axis{font:10px var(--mono);fill:#7b8794}
svg.history .op rect{fill:#e3e8ef;stroke:#9aa6b5;stroke-width:1}
svg.history .op.placed rect{fill:#dbe7fb;stroke:#3b6fd0}
svg.history .op.stuck rect{fill:#fde3e3;stroke:#c62828;stroke-width:3}
svg.history .op text.call{font:500 11px var(--mono);fill:#1d2330;dominant-baseline:central;pointer-events:none}
svg.history .op.stuck text.call{fill:#a01d1d;font-weight:700}
svg.history .op circle{fill:#3b6fd0}
svg.history .op text.order{font:700 10px var(--mono);fill:#fff;text-anchor:middle;dominant-baseline:central;pointer-events:none}
svg.history .deadline{stroke:#c62828;stroke-width:1.5;stroke-dasharray:4 3}
.legend .placed{background:#dbe7fb;border:1px solid #3b6fd0}.legend .stuck{background:#fde3e3;border:2px solid #c62828}
.legend .unplaced{background:#e3e8ef;border:1px solid #9aa6b5}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:var(--muted);margin:2px 0 8px}
.legend i{display:inline-block;width:11px;height:11px;border-radius:3px;margin-right:4px;vertical-align:-1px}
.legend .sync{background:#3b6fd0}.legend .mem{background:#2f9e6e}.legend .wait{background:#8a57d1}.legend .thread{background:#7b8794}.legend .other{background:#b07d2b}
.legend .hl{background:#fff;border:3px solid #c62828}.legend .rf{background:#fff;border:3px solid #e8590c}
.replay{display:flex;align-items:stretch;margin-top:10px;border:1px solid #2b3547;border-radius:6px;overflow:hidden;max-width:100%}
.replay code{flex:1;background:#18202e;color:#e8edf4;padding:7px 12px;font:13px var(--mono);overflow-x:auto;white-space:pre}
.replay button{border:0;background:#2b3547;color:#e8edf4;padding:0 14px;font:inherit;cursor:pointer}
.replay button:hover{background:#3a4760}
.noreplay{color:var(--muted);font-size:12.5px;margin-top:8px}
.shrink{color:var(--muted);font-size:12.5px;margin-top:6px}
.shrink code{font:12px var(--mono);word-break:break-all}
details{margin-top:8px}details summary{cursor:pointer;color:var(--accent);font-size:13px}
table.trace{font:12px var(--mono);margin-top:6px;background:#fff;border:1px solid var(--line)}
table.trace th,table.trace td{padding:2px 8px;border-bottom:1px solid #f0f2f5;text-align:left;white-space:nowrap}
table.trace tr.hl td{background:#ffe3e3;font-weight:700}
table.trace .rf{color:#b5460b}
pre.history{background:#f6f8fa;border:1px solid var(--line);padding:8px;font-size:12px;overflow-x:auto}
.bench{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:6px 0}
.bench table td,.bench table th{padding:6px 14px;border-bottom:1px solid #f0f2f5;text-align:left}
.bench table th{font-size:12px;text-transform:uppercase;color:var(--muted);letter-spacing:.04em}
.bench .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.bench .bname{font-family:var(--mono)}
.bench td.status{white-space:nowrap}.bench td.worse{color:var(--bad);font-weight:650}
svg.bars .cur{fill:#3b6fd0}svg.bars .cur.regressed{fill:#c62828}svg.bars .base{fill:#b8c2cf}
svg.bars text{font:10.5px var(--mono);fill:#3d4756;dominant-baseline:central}
.empty{color:var(--muted);padding:12px 16px}
footer{color:var(--muted);font-size:12px;text-align:center;padding:16px}
.hidden{display:none!important}
@media (max-width:900px){.cols{grid-template-columns:1fr}main{padding:16px}}
)css";
}

std::string_view script() {
  return R"js(
(function(){
  var v=document.getElementById('f-verdict'),fa=document.getElementById('f-family'),
      k=document.getElementById('f-kind'),q=document.getElementById('f-text'),
      count=document.getElementById('f-count');
  function match(el){
    if(v.value&&el.dataset.verdict!==v.value)return false;
    if(fa.value&&el.dataset.family!==fa.value)return false;
    if(k.value&&(' '+el.dataset.kinds+' ').indexOf(' '+k.value+' ')<0)return false;
    if(q.value&&el.dataset.name.indexOf(q.value.toLowerCase())<0)return false;
    return true;
  }
  function apply(){
    var rows=document.querySelectorAll('tr.row'),shown=0;
    rows.forEach(function(r){var m=match(r);r.classList.toggle('hidden',!m);if(m)shown++;});
    document.querySelectorAll('section.scenario').forEach(function(s){s.classList.toggle('hidden',!match(s));});
    count.textContent='showing '+shown+' of '+rows.length+' scenarios';
  }
  [v,fa,k].forEach(function(e){e.addEventListener('change',apply);});
  q.addEventListener('input',apply);
  document.querySelectorAll('button.copy').forEach(function(b){
    b.addEventListener('click',function(){
      var code=b.parentNode.querySelector('code'),t=code.textContent;
      function done(){b.textContent='copied';setTimeout(function(){b.textContent='copy';},1200);}
      if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(t).then(done,select);}else{select();}
      function select(){var r=document.createRange();r.selectNodeContents(code);var s=window.getSelection();s.removeAllRanges();s.addRange(r);try{document.execCommand('copy');done();}catch(e){}}
    });
  });
  apply();
})();
)js";
}

}  // namespace html

namespace {

std::string header(const run_report& r) {
  const auto t = totals(r);
  std::string meta;
  const auto item = [&](std::string_view label, const std::string& value, bool code = false) {
    if (value.empty()) return;
    meta += code ? fmt::format("<span>{} <code>{}</code></span>", label, html::esc(value))
                 : fmt::format("<span>{} {}</span>", label, html::esc(value));
  };
  item("command", r.command, true);
  item("weft", r.weft_version);
  item("started", r.started_at);
  item("host", r.host);
  item("shard", r.shard);
  item("took", text::duration(r.seconds));
  const bool ok = r.all_as_expected();
  std::string verdict;
  if (ok) {
    verdict = "ALL AS EXPECTED";
  } else {
    verdict = fmt::format("{} UNEXPECTED", t.unexpected);
    if (t.regressed > 0) verdict += fmt::format(" · {} REGRESSED", t.regressed);
  }
  std::string out = fmt::format(
      "<header class=\"top\"><div class=\"brand\">weft</div><h1>Concurrency check report</h1>"
      "<div class=\"meta\">{}</div><div class=\"verdict {}\" id=\"verdict\">{}</div></header>\n",
      meta, ok ? "ok" : "bad", verdict);
  out += "<main>\n<div class=\"cards\">";
  const auto card = [&](std::string_view label, const std::string& n, bool bad) {
    out += fmt::format("<div class=\"card{}\"><div class=\"n\">{}</div><div class=\"l\">{}</div></div>",
                       bad ? " bad" : "", n, label);
  };
  card("scenarios", std::to_string(t.scenarios), false);
  card("unexpected", std::to_string(t.unexpected), t.unexpected > 0);
  card("findings", std::to_string(t.findings), false);
  card("executions", text::grouped(t.executions), false);
  if (!r.benchmarks.empty()) card("benchmarks regressed", std::to_string(t.regressed), t.regressed > 0);
  out += "</div>\n";
  return out;
}

}  // namespace

std::string to_html(const run_report& r) {
  std::string out;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // The page is one file: nothing may be fetched, whatever the data says.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>weft report{}</title>\n", r.command.empty() ? "" : " — " + html::esc(r.command));
  out += fmt::format("<style>{}</style>\n</head>\n<body>\n", html::style());
  out += header(r);
  out += "<h2 id=\"scenarios\">Scenarios</h2>\n" + html::summary_table(r);
  out += "<h2 id=\"findings\">Findings</h2>\n" + html::findings_sections(r);
  out += html::benchmark_section(r);
  out += "</main>\n";
  out += fmt::format("<footer>weft {} · schema {} · generated for {}</footer>\n", html::esc(r.weft_version),
                     r.schema_version, html::esc(r.host.empty() ? "localhost" : r.host));
  out += fmt::format("<script>{}</script>\n</body>\n</html>\n", html::script());
  return out;
}

void html_reporter::render(const run_report& r, std::ostream& out) const { out << to_html(r); }

}  // namespace weft::reports
