// MmoeService experiment dashboard: plain DOM and SVG, no library, no network beyond this service.
// The page is read-only: it polls the scorecard JSON and redraws everything from it.
(function () {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#9c755f'];
  const body = document.body;
  const refreshMs = Math.max(1000, parseInt(body.dataset.refreshMs, 10) || 10000);

  // ---------- formatting (the browser test formats the scorecard JSON the same way) ----------
  const fmt = {
    int: v => (v ?? 0).toLocaleString('en-US'),
    pct: (v, d = 2) => v == null ? '–' : (v * 100).toFixed(d) + '%',
    signedPct: (v, d = 2) => {
      if (v == null) return '–';
      const text = (v * 100).toFixed(d);
      return Number(text) === 0 ? '±' + (0).toFixed(d) + '%' : (v > 0 ? '+' : '') + text + '%';
    },
    num: (v, d = 3) => v == null ? '–' : v.toFixed(d),
    ms: v => v == null ? '–' : v.toFixed(1),
    p: v => v == null ? '–' : v < 0.0001 ? v.toExponential(1) : v.toFixed(4),
    time: iso => new Date(iso).toISOString().substring(11, 19),
  };

  function el(tag, attrs, ...children) {
    const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.substring(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v == null || v === false) continue;
      if (k === 'text') node.textContent = v;
      else if (k === 'class') node.setAttribute('class', v);
      else node.setAttribute(k, v);
    }
    for (const child of children.flat()) {
      if (child == null) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const svg = (tag, attrs, ...children) => el('svg:' + tag, attrs, ...children);
  const replace = (id, ...nodes) => document.getElementById(id).replaceChildren(...nodes.flat().filter(n => n != null));
  const widthOf = id => Math.max(300, Math.floor(document.getElementById(id).clientWidth || 600));
  const colourOf = arms => Object.fromEntries(arms.map((a, i) => [a.arm, PALETTE[i % PALETTE.length]]));

  // A "nice" axis: 4–6 round ticks covering [lo, hi].
  function ticks(lo, hi, count = 5) {
    if (!(hi > lo)) { hi = lo + 1; }
    const raw = (hi - lo) / count;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map(m => m * mag).find(s => s >= raw);
    const first = Math.floor(lo / step) * step;
    const out = [];
    for (let t = first; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : +t.toPrecision(12));
    if (out[out.length - 1] < hi) out.push(+(out[out.length - 1] + step).toPrecision(12));
    return out;
  }

  // Percent tick labels with as many decimals as the tick step needs (0.5% steps show one decimal).
  function pctTicks(axis) {
    const step = axis.length > 1 ? axis[1] - axis[0] : 1;
    let decimals = 0;
    while (decimals < 4 && Math.abs(step * 100 * 10 ** decimals - Math.round(step * 100 * 10 ** decimals)) > 1e-6) decimals++;
    return t => fmt.pct(t, decimals);
  }

  // ---------- experiment page ----------
  function badges(card) {
    const running = card.status === 'running';
    return [
      el('span', { class: 'badge ' + (running ? 'good' : ''), 'data-testid': 'status', text: card.status }),
      card.active ? null : el('span', { class: 'badge bad', text: 'not routing /score (Experiments:Active names another)' }),
      el('span', { class: 'badge', text: 'coverage ' + card.coverage + '%' }),
      el('span', { class: 'badge', text: 'control: ' + card.controlArm }),
    ];
  }

  function srm(card) {
    const s = card.sampleRatio;
    const section = document.getElementById('srm');
    section.className = 'card ' + (s.mismatch ? 'bad' : 'good');
    const split = s.arms.map(a => `${a.arm} ${fmt.int(a.units)} (${fmt.pct(a.observedShare, 1)} vs ${fmt.pct(a.expectedShare, 1)})`).join(' · ');
    const verdict = s.pValue == null ? 'Sample ratio: no enrolled units yet'
      : s.mismatch ? 'Sample ratio MISMATCH: assignment or logging is broken; do not trust the lift'
        : 'Sample ratio OK';
    section.replaceChildren(
      el('strong', { 'data-testid': 'srm-verdict', text: verdict }),
      el('span', { text: s.chiSquare == null ? '' : `χ² = ${fmt.num(s.chiSquare, 2)}, ${s.degreesOfFreedom} dof, p = ${fmt.p(s.pValue)} (flag below 0.001). ` }),
      el('span', { class: 'note', text: split }));
  }

  // Under the planned units, or with a broken split, the page says so above every number.
  function banner(card) {
    const q = card.sequential, messages = [];
    if (card.sampleRatio.mismatch) {
      messages.push('Sample ratio mismatch: assignment or logging is broken, so no lift below can be trusted.');
    }
    if (q.plannedUnits != null && !q.plannedReached) {
      messages.push(`Under the planned units: ${fmt.int(q.enrolledUnits)} of ${fmt.int(q.plannedUnits)} enrolled. ` +
        'Verdicts use the always-valid intervals; the fixed-horizon ones are valid only once the plan is reached.');
    }
    const node = document.getElementById('verdict-banner');
    node.hidden = messages.length === 0;
    node.replaceChildren(...messages.map(m => el('div', { text: m })));
  }

  const verdictClass = v => v === 'better' ? 'sig' : v === 'worse' ? 'neg sig' : 'nsig';
  const range = (lo, hi, d) => lo == null ? '' : `[${fmt.signedPct(lo, d)}, ${fmt.signedPct(hi, d)}]`;

  function lift(card) {
    if (card.comparisons.length === 0) {
      return replace('lift', el('p', { class: 'note', text: 'No treatment arm to compare.' }));
    }

    const q = card.sequential, holm = card.multipleTesting.applied;
    const rows = [];
    for (const c of card.comparisons) {
      for (const t of c.tasks) {
        const e = t.lift, a = t.alwaysValid, m = t.minimumDetectableEffect;
        rows.push(el('tr', { 'data-testid': `lift-${c.arm}-${t.task}` },
          el('td', { text: `${t.task}: ${c.arm} vs ${c.control}` }),
          el('td', { text: fmt.pct(e.control, 3) }),
          el('td', { text: fmt.pct(e.treatment, 3) }),
          el('td', { 'data-field': 'absolute' }, fmt.signedPct(e.absolute, 3), el('span', { class: 'ci', text: range(a.absoluteLower, a.absoluteUpper, 3) })),
          el('td', { 'data-field': 'relative' }, fmt.signedPct(e.relative, 1), el('span', { class: 'ci', text: range(a.relativeLower, a.relativeUpper, 1) })),
          el('td', { class: verdictClass(t.verdict), 'data-field': 'verdict', text: t.verdict }),
          el('td', { 'data-field': 'av-p', text: fmt.p(holm ? a.adjustedPValue : a.pValue) }),
          el('td', { 'data-field': 'mde', text: m.alwaysValidRelative == null ? '–' : '±' + fmt.pct(m.alwaysValidRelative, 1) }),
          el('td', { 'data-field': 'p', text: fmt.p(e.pValue) }),
          el('td', { 'data-field': 'fixed' }, el('span', { class: 'ci', text: range(e.absoluteLower, e.absoluteUpper, 3) }))));
      }
    }

    const basis = q.plannedReached ? 'fixed-horizon (planned units reached)' : 'always-valid';
    const table = el('table', {},
      el('tr', {}, ['Metric', 'Control', 'Treatment', 'Absolute lift [always-valid CI]', 'Relative lift [always-valid CI]',
        'Verdict', holm ? 'Always-valid p (Holm)' : 'Always-valid p', 'MDE (relative)', 'Fixed-horizon p', 'Fixed-horizon CI'].map(h => el('th', { text: h }))),
      rows);
    const notes = [
      el('p', { class: 'note', 'data-testid': 'verdict-basis', text:
        `Verdicts from the ${basis} reading. Always-valid intervals (confidence sequence tuned at ${fmt.int(q.tuningUnits)} units) stay valid however often this page refreshes; ` +
        'the fixed-horizon interval and p-value are valid only when read once, at the planned units' +
        (q.plannedUnits == null ? ' (none planned: Sequential:PlannedUnits).' : ` (${fmt.int(q.plannedUnits)}).`) +
        ` MDE: the smallest relative lift this sample detects with ${fmt.pct(q.power, 0)} power, always-valid.` }),
      holm ? el('p', { class: 'note', 'data-testid': 'holm-note', text:
        `Holm correction applied across ${card.multipleTesting.tests} comparisons (treatment arms × metrics): p-values and verdicts are adjusted.` }) : null,
    ];
    replace('lift', el('div', { class: 'scroll' }, table), notes, forest(card));
  }

  // Raw and CUPED-adjusted lift per comparison, with the variance the pre-period covariate removed.
  function cuped(card) {
    const rows = card.comparisons.flatMap(c => c.tasks.filter(t => t.cuped).map(t => {
      const a = t.alwaysValid, u = t.cuped;
      return el('tr', { 'data-testid': `cuped-${c.arm}-${t.task}` },
        el('td', { text: `${t.task}: ${c.arm} vs ${c.control}` }),
        el('td', {}, fmt.signedPct(t.lift.absolute, 3), el('span', { class: 'ci', text: range(a.absoluteLower, a.absoluteUpper, 3) })),
        el('td', { 'data-field': 'cuped-absolute' }, fmt.signedPct(u.absolute, 3), el('span', { class: 'ci', text: range(u.absoluteLower, u.absoluteUpper, 3) })),
        el('td', { 'data-field': 'variance-reduction', text: fmt.pct(u.varianceReduction, 1) }),
        el('td', { text: fmt.num(u.theta, 3) }),
        el('td', { text: fmt.pct(u.preperiodShare, 1) }),
        el('td', { class: verdictClass(u.verdict), text: u.verdict }));
    }));
    if (rows.length === 0) {
      return replace('cuped', el('p', { class: 'note', text: 'No pre-period data: no unit had feedback before the experiment started.' }));
    }
    replace('cuped',
      el('div', { class: 'scroll' }, el('table', {},
        el('tr', {}, ['Metric', 'Raw lift [always-valid CI]', 'CUPED lift [always-valid CI]', 'Variance reduction', 'θ', 'Units with pre-period', 'CUPED verdict'].map(h => el('th', { text: h }))),
        rows)),
      el('p', { class: 'note', text: 'Covariate: each unit\'s own rate on the task before the experiment started, θ pooled across arms; ' +
        'units without pre-period feedback keep their own intercept. Pre-treatment data only, so the adjustment cannot bias the lift.' }));
  }

  // Relative lift of every comparison with its always-valid interval, around a zero line.
  function forest(card) {
    const items = card.comparisons.flatMap(c => c.tasks.map(t => ({ label: `${t.task} ${c.arm}`, e: t.lift, a: t.alwaysValid, v: t.verdict })))
      .filter(i => i.e.relative != null);
    if (items.length === 0) return null;
    const lo = Math.min(0, ...items.map(i => i.a.relativeLower ?? i.e.relative));
    const hi = Math.max(0, ...items.map(i => i.a.relativeUpper ?? i.e.relative));
    const axis = ticks(lo, hi, 6);
    const W = widthOf('lift'), left = 150, right = 20, rowH = 26, top = 8, H = top + items.length * rowH + 26;
    const x = v => left + (v - axis[0]) / (axis[axis.length - 1] - axis[0]) * (W - left - right);
    const label = pctTicks(axis);
    const nodes = [];
    axis.forEach(t => nodes.push(
      svg('line', { x1: x(t), x2: x(t), y1: top, y2: H - 22, stroke: t === 0 ? '#1d2330' : '#e3e6ec', 'stroke-width': t === 0 ? 1.2 : 1 }),
      svg('text', { x: x(t), y: H - 6, 'text-anchor': 'middle', text: (t > 0 ? '+' : '') + label(t) })));
    items.forEach((i, k) => {
      const y = top + k * rowH + rowH / 2;
      const colour = i.v === 'better' ? '#1f8a4c' : i.v === 'worse' ? '#c0392b' : '#4e79a7';
      nodes.push(svg('text', { x: left - 8, y: y + 4, 'text-anchor': 'end', text: i.label }));
      if (i.a.relativeLower != null) {
        nodes.push(svg('line', { x1: x(i.a.relativeLower), x2: x(i.a.relativeUpper), y1: y, y2: y, stroke: colour, 'stroke-width': 3, 'stroke-linecap': 'round' }));
      }
      nodes.push(svg('circle', { cx: x(i.e.relative), cy: y, r: 5, fill: colour }));
    });
    return el('div', { class: 'chart' }, svg('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': 'relative lift with always-valid intervals' }, nodes));
  }

  // One dot with whiskers per arm: the rate and its interval.
  function rateChart(id, card, pick) {
    const colours = colourOf(card.arms);
    const arms = card.arms.filter(a => pick(a).value != null);
    if (arms.length === 0) return replace(id, el('p', { class: 'note', text: 'No feedback yet.' }));
    const lo = Math.min(...arms.map(a => pick(a).lower ?? pick(a).value));
    const hi = Math.max(...arms.map(a => pick(a).upper ?? pick(a).value));
    const pad = (hi - lo) * 0.15 || Math.max(hi * 0.1, 0.001);
    const axis = ticks(Math.max(0, lo - pad), hi + pad, 5);
    const W = widthOf(id), left = 110, right = 16, rowH = 34, top = 6, H = top + arms.length * rowH + 24;
    const x = v => left + (v - axis[0]) / (axis[axis.length - 1] - axis[0]) * (W - left - right);
    const label = pctTicks(axis);
    const nodes = [];
    axis.forEach(t => nodes.push(
      svg('line', { x1: x(t), x2: x(t), y1: top, y2: H - 20, stroke: '#e3e6ec' }),
      svg('text', { x: x(t), y: H - 5, 'text-anchor': 'middle', text: label(t) })));
    arms.forEach((a, k) => {
      const r = pick(a), y = top + k * rowH + rowH / 2, c = colours[a.arm];
      nodes.push(svg('text', { x: left - 8, y: y + 4, 'text-anchor': 'end', text: a.arm }));
      if (r.lower != null) {
        nodes.push(svg('line', { x1: x(r.lower), x2: x(r.upper), y1: y, y2: y, stroke: c, 'stroke-width': 3, 'stroke-linecap': 'round' }));
        nodes.push(svg('line', { x1: x(r.lower), x2: x(r.lower), y1: y - 6, y2: y + 6, stroke: c, 'stroke-width': 2 }));
        nodes.push(svg('line', { x1: x(r.upper), x2: x(r.upper), y1: y - 6, y2: y + 6, stroke: c, 'stroke-width': 2 }));
      }
      nodes.push(svg('circle', { cx: x(r.value), cy: y, r: 5, fill: c }));
      nodes.push(svg('text', { x: x(r.value), y: y - 9, 'text-anchor': 'middle', style: 'fill:#1d2330', text: fmt.pct(r.value) }));
    });
    replace(id, svg('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img' }, nodes));
  }

  // Every arm lists the same tasks, in the models' order.
  const taskNames = card => (card.arms[0]?.tasks ?? []).map(t => t.task);

  // One rate chart per task, each in its own card.
  function rateCharts(card) {
    const tasks = taskNames(card);
    replace('rate-charts', tasks.map(t => el('section', { class: 'card' },
      el('h2', {}, `${t} rate per arm `, el('span', { class: 'hint', text: '95% interval' })),
      el('div', { id: 'rate-chart-' + t, class: 'chart' }))));
    tasks.forEach(t => rateChart('rate-chart-' + t, card, a => a.tasks.find(x => x.task === t).rate));
  }

  // Requests per time bucket, one line per arm, on a shared time axis.
  // At most MAX_POINTS per line: buckets merge by a whole factor when the run is long for its bucket length.
  const MAX_POINTS = 120;
  function trafficSeries(card) {
    const seconds = card.arms[0]?.trafficBucketSeconds ?? 60;
    const times = card.arms.flatMap(a => a.traffic.map(b => Date.parse(b.start)));
    const span = times.length ? (Math.max(...times) - Math.min(...times)) / 1000 / seconds + 1 : 1;
    const factor = Math.max(1, Math.ceil(span / MAX_POINTS));
    const width = seconds * factor * 1000;
    const series = card.arms.map(a => {
      const merged = new Map();
      for (const b of a.traffic) {
        const t = Math.floor(Date.parse(b.start) / width) * width;
        merged.set(t, (merged.get(t) ?? 0) + b.requests);
      }
      return { arm: a.arm, points: [...merged.entries()].sort((p, q) => p[0] - q[0]) };
    }).filter(s => s.points.length > 0);
    return { series, seconds: seconds * factor };
  }

  function trafficChart(card) {
    const colours = colourOf(card.arms);
    const { series, seconds } = trafficSeries(card);
    document.getElementById('traffic-hint').textContent = `requests per ${seconds} s`;
    if (series.length === 0) return replace('traffic-chart', el('p', { class: 'note', text: 'No traffic yet.' }));
    const times = series.flatMap(s => s.points.map(p => p[0]));
    let t0 = Math.min(...times), t1 = Math.max(...times);
    if (t1 === t0) { t0 -= seconds * 1000; t1 += seconds * 1000; }
    const yAxis = ticks(0, Math.max(1, ...series.flatMap(s => s.points.map(p => p[1]))), 4);
    const W = widthOf('traffic-chart'), H = 220, left = 48, right = 12, top = 8, bottom = 22;
    const x = t => left + (t - t0) / (t1 - t0) * (W - left - right);
    const y = v => H - bottom - v / yAxis[yAxis.length - 1] * (H - top - bottom);
    const nodes = [];
    yAxis.forEach(v => nodes.push(
      svg('line', { x1: left, x2: W - right, y1: y(v), y2: y(v), stroke: '#e3e6ec' }),
      svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', text: fmt.int(v) })));
    for (let k = 0; k <= 4; k++) {
      const t = t0 + (t1 - t0) * k / 4;
      nodes.push(svg('text', { x: x(t), y: H - 5, 'text-anchor': k === 0 ? 'start' : k === 4 ? 'end' : 'middle', text: fmt.time(new Date(t).toISOString()) }));
    }
    for (const s of series) {
      const d = s.points.map((p, i) => (i ? 'L' : 'M') + x(p[0]).toFixed(1) + ',' + y(p[1]).toFixed(1)).join('');
      nodes.push(svg('path', { d, fill: 'none', stroke: colours[s.arm], 'stroke-width': 2 }));
      s.points.forEach(p => nodes.push(svg('circle', { cx: x(p[0]), cy: y(p[1]), r: 2.5, fill: colours[s.arm] })));
    }
    replace('traffic-chart', svg('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img' }, nodes),
      el('div', { class: 'legend' }, series.map(s => el('span', {}, el('span', { class: 'swatch', style: 'background:' + colours[s.arm] }), s.arm))));
  }

  function armsTable(card) {
    const colours = colourOf(card.arms);
    const withCi = (r, d) => [fmt.pct(r.value, d), el('span', { class: 'ci', text: r.lower == null ? '' : `[${fmt.pct(r.lower, d)}, ${fmt.pct(r.upper, d)}]` })];
    const armCell = a => el('td', {}, el('span', { class: 'swatch', style: 'background:' + colours[a.arm] }), a.arm + (a.control ? ' (control)' : ''));
    const tasks = taskNames(card);
    const taskOf = (a, name) => a.tasks.find(t => t.task === name);
    const head = ['Arm', 'Model', 'Weight', 'Enrolled users', 'Requests', 'Error rate', 'Impressions',
      ...tasks.flatMap(t => [`${t} positives`, `${t} rate [95% CI]`])];
    const rows = card.arms.map(a => el('tr', { 'data-testid': 'arm-row-' + a.arm },
      armCell(a),
      el('td', { text: a.model + (a.modelVersions.length ? ' v' + a.modelVersions.join(',') : '') }),
      el('td', { text: a.weight + '%' }),
      el('td', { 'data-field': 'enrolled', text: fmt.int(a.enrolledUnits) }),
      el('td', { 'data-field': 'requests', text: fmt.int(a.requests) }),
      el('td', { 'data-field': 'error-rate', text: fmt.pct(a.errorRate) }),
      el('td', { 'data-field': 'impressions', text: fmt.int(a.impressions) }),
      tasks.flatMap(t => {
        const r = taskOf(a, t).rate;
        return [el('td', { 'data-field': 'positives-' + t, text: fmt.int(r.positives) }), el('td', { 'data-field': 'rate-' + t }, withCi(r, 2))];
      })));
    replace('arms', el('tr', {}, head.map(h => el('th', { text: h }))), rows);

    const predictionHead = ['Arm', ...tasks.flatMap(t => [`Mean pred. ${t}`, `Calibration ${t}`, `AUC ${t}`]), 'p50 ms', 'p95 ms', 'p99 ms'];
    const predictionRows = card.arms.map(a => el('tr', { 'data-testid': 'prediction-row-' + a.arm },
      armCell(a),
      tasks.flatMap(t => {
        const p = taskOf(a, t).predictions;
        return [el('td', { text: fmt.pct(p.meanPredicted) }), el('td', { text: fmt.num(p.calibration, 2) }), el('td', { 'data-field': 'auc-' + t, text: fmt.num(p.auc) })];
      }),
      el('td', { 'data-field': 'p50', text: fmt.ms(a.latencyMs.p50) }),
      el('td', { 'data-field': 'p95', text: fmt.ms(a.latencyMs.p95) }),
      el('td', { 'data-field': 'p99', text: fmt.ms(a.latencyMs.p99) })));
    replace('predictions', el('tr', {}, predictionHead.map(h => el('th', { text: h }))), predictionRows);
  }

  // Grouped bars: p50, p95, p99 per arm.
  function latencyChart(card) {
    const colours = colourOf(card.arms);
    const arms = card.arms.filter(a => a.latencyMs.p50 != null);
    if (arms.length === 0) return replace('latency-chart', el('p', { class: 'note', text: 'No requests yet.' }));
    const keys = ['p50', 'p95', 'p99'];
    const axis = ticks(0, Math.max(...arms.flatMap(a => keys.map(k => a.latencyMs[k]))), 4);
    const W = widthOf('latency-chart'), H = 200, left = 40, right = 8, top = 14, bottom = 22;
    const y = v => H - bottom - v / axis[axis.length - 1] * (H - top - bottom);
    const group = (W - left - right) / keys.length, bar = Math.min(28, group * 0.8 / arms.length);
    const nodes = [];
    axis.forEach(v => nodes.push(
      svg('line', { x1: left, x2: W - right, y1: y(v), y2: y(v), stroke: '#e3e6ec' }),
      svg('text', { x: left - 5, y: y(v) + 4, 'text-anchor': 'end', text: v })));
    keys.forEach((k, g) => {
      const gx = left + g * group + (group - bar * arms.length) / 2;
      nodes.push(svg('text', { x: left + g * group + group / 2, y: H - 5, 'text-anchor': 'middle', text: k }));
      arms.forEach((a, i) => {
        const v = a.latencyMs[k];
        nodes.push(svg('rect', { x: gx + i * bar, y: y(v), width: bar - 2, height: H - bottom - y(v), fill: colours[a.arm] }));
        nodes.push(svg('text', { x: gx + i * bar + (bar - 2) / 2, y: y(v) - 3, 'text-anchor': 'middle', text: fmt.ms(v) }));
      });
    });
    replace('latency-chart', svg('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img' }, nodes),
      el('div', { class: 'legend' }, arms.map(a => el('span', {}, el('span', { class: 'swatch', style: 'background:' + colours[a.arm] }), `${a.arm} (${fmt.int(a.latencyMs.samples)} samples)`))));
  }

  // Heatmap per gated arm: rows are tasks, columns experts; the cell shows serving weight and its drift from training.
  function gates(card) {
    if (card.gates.length === 0) {
      return replace('gates', el('p', { class: 'note', text: 'No gated arm (Shared-Bottom has no gates) or no traffic yet.' }));
    }

    replace('gates', card.gates.map(g => {
      const experts = Math.max(...g.tasks.map(t => t.meanWeights.length));
      const cw = 64, ch = 38, left = 92, top = 18, W = left + experts * cw + 4, H = top + g.tasks.length * ch + 4;
      const nodes = [];
      for (let e = 0; e < experts; e++) {
        nodes.push(svg('text', { x: left + e * cw + cw / 2, y: 12, 'text-anchor': 'middle', text: 'expert ' + e }));
      }
      g.tasks.forEach((t, r) => {
        nodes.push(svg('text', { x: left - 8, y: top + r * ch + ch / 2 + 4, 'text-anchor': 'end', text: t.task }));
        t.meanWeights.forEach((w, e) => {
          const light = 96 - Math.min(1, w) * 62;
          const flagged = t.collapsedExperts.includes(e) || t.dominantExpert === e;
          nodes.push(svg('rect', {
            x: left + e * cw + 1, y: top + r * ch + 1, width: cw - 2, height: ch - 2, rx: 3,
            fill: `hsl(214, 60%, ${light}%)`, stroke: flagged ? '#c0392b' : 'none', 'stroke-width': 2,
            'data-testid': `gate-${g.arm}-${t.task}-${e}`,
          }, svg('title', { text: `${t.task} expert ${e}: serving ${fmt.pct(w, 1)}` + (t.trainingMeanWeights ? `, training ${fmt.pct(t.trainingMeanWeights[e], 1)}` : '') })));
          nodes.push(svg('text', { x: left + e * cw + cw / 2, y: top + r * ch + 17, 'text-anchor': 'middle', style: `fill:${light < 60 ? '#fff' : '#1d2330'};font-weight:600`, text: fmt.pct(w, 1) }));
          if (t.drift) {
            nodes.push(svg('text', { x: left + e * cw + cw / 2, y: top + r * ch + 30, 'text-anchor': 'middle', style: `fill:${light < 60 ? '#e8eef7' : '#6b7385'}`, text: 'Δ ' + fmt.signedPct(t.drift[e], 1) }));
          }
        });
      });
      const flags = g.tasks.flatMap(t => [
        ...t.collapsedExperts.map(e => `${t.task}: expert ${e} collapsed (< 1%)`),
        ...(t.dominantExpert == null ? [] : [`${t.task}: expert ${t.dominantExpert} dominant (> 90%)`]),
        ...(t.drifted ? [`${t.task}: drifted from training (TV ${fmt.num(t.totalVariation, 2)})`] : []),
      ]);
      const tv = g.tasks.filter(t => t.totalVariation != null).map(t => `${t.task} TV ${fmt.num(t.totalVariation, 3)}`).join(' · ');
      return el('div', { class: 'gate-arm' },
        el('h3', { text: `${g.arm} (${g.model}${g.baselineVersion ? ' v' + g.baselineVersion : ''})` }),
        el('div', { class: 'chart' }, svg('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img' }, nodes)),
        // A mean per expert hides candidates decided by one expert alone; this line counts them, task by task.
        g.tasks.filter(t => t.concentratedShare != null).map(t => el('div', {
          class: 'concentration', 'data-testid': `gate-concentration-${g.arm}-${t.task}`,
          text: `${t.task}: ${fmt.pct(t.concentratedShare, 1)} of candidates have one expert above ${g.concentratedAbove}`,
        })),
        el('div', { class: 'flags' }, flags.length ? flags.map(f => el('span', { class: 'flag', text: '⚑ ' + f })) : el('span', { class: 'note', text: 'No collapsed, dominant or drifted gate. ' + tv })),
        expertsLearned(g),
        g.note ? el('div', { class: 'note', text: g.note }) : null);
    }));
  }

  // What the experts learned, from the manifest's validation split: how alike they are, and how many each task uses.
  function expertsLearned(g) {
    const d = g.expertDiversity;
    const usage = g.tasks.filter(t => t.trainingEntropy != null).map(t =>
      `${t.task}: gate entropy ${fmt.num(t.trainingEntropy, 2)} nats` + (t.trainingEffectiveExperts == null ? '' : `, ${fmt.num(t.trainingEffectiveExperts, 2)} experts used`));
    if (!d && usage.length === 0) {
      return null;
    }
    const alike = d ? [`expert diversity (training): mean linear CKA ${fmt.num(d.meanLinearCka, 3)}, mean |correlation| ${fmt.num(d.meanAbsoluteCorrelation, 3)} over ${fmt.int(d.rows)} rows (1 = redundant experts)`] : [];
    return el('div', { class: 'note', 'data-testid': `gate-experts-${g.arm}`, text: [...alike, ...usage].join(' · ') });
  }

  // Interleaving experiments: per task the unit preference, share and mean credit difference with both intervals.
  function interleaving(card) {
    const x = card.interleaving;
    document.getElementById('interleaving').hidden = x == null;
    if (x == null) return;
    const ci = (t, lo, hi, f) => t == null ? '–' : `${f(t.value)} [${f(t[lo])}, ${f(t[hi])}]`;
    const credit = v => v == null ? '–' : v.toFixed(4);
    const head = ['Task', `Prefer ${x.treatmentArm}`, `Prefer ${x.controlArm}`, 'Ties',
      `Share preferring ${x.treatmentArm} [fixed 95%]`, '[always-valid 95%]', 'p always-valid',
      'Mean credit difference [fixed 95%]', '[always-valid 95%]', 'p always-valid'];
    const rows = x.tasks.map(t => el('tr', { 'data-testid': 'interleaving-row-' + t.task },
      el('td', { text: t.task }),
      el('td', { 'data-field': 'prefer-treatment', text: fmt.int(t.preferTreatment) }),
      el('td', { 'data-field': 'prefer-control', text: fmt.int(t.preferControl) }),
      el('td', { text: fmt.int(t.ties) }),
      el('td', { 'data-field': 'share', text: ci(t.share, 'lower', 'upper', v => fmt.pct(v, 1)) }),
      el('td', { text: t.share == null ? '–' : `[${fmt.pct(t.share.alwaysValidLower, 1)}, ${fmt.pct(t.share.alwaysValidUpper, 1)}]` }),
      el('td', { text: fmt.p(t.share?.alwaysValidPValue) }),
      el('td', { text: ci(t.meanDifference, 'lower', 'upper', credit) }),
      el('td', { text: t.meanDifference == null ? '–' : `[${credit(t.meanDifference.alwaysValidLower)}, ${credit(t.meanDifference.alwaysValidUpper)}]` }),
      el('td', { text: fmt.p(t.meanDifference?.alwaysValidPValue) })));
    replace('interleaving-table', el('tr', {}, head.map(h => el('th', { text: h }))), rows.length ? rows : el('tr', {}, el('td', { colspan: head.length, text: 'No credited feedback yet.' })));
    document.getElementById('interleaving-cost').textContent =
      `${fmt.int(x.units)} units, ${fmt.int(x.requests)} interleaved requests; each runs ${x.modelRunsPerRequest} models ` +
      `(score latency p50 ${fmt.ms(x.latency.p50)} ms, p95 ${fmt.ms(x.latency.p95)} ms); always-valid intervals tuned to ${fmt.int(x.tuningUnits)} units.`;
  }

  function renderExperiment(card) {
    document.getElementById('content').hidden = false; // before drawing: charts size themselves to their card
    replace('badges', badges(card));
    banner(card);
    srm(card);
    interleaving(card);
    lift(card);
    cuped(card);
    rateCharts(card);
    trafficChart(card);
    armsTable(card);
    latencyChart(card);
    gates(card);
    body.dataset.generatedAt = card.generatedAt;
  }

  // ---------- index page ----------
  function renderIndex(experiments) {
    const head = el('tr', {}, ['Experiment', 'Status', 'Routing', 'Coverage', 'Arms (model, weight)', ''].map(h => el('th', { text: h })));
    const rows = experiments.map(x => el('tr', { 'data-testid': 'experiment-' + x.name },
      el('td', {}, el('a', { href: x.dashboard, text: x.name })),
      el('td', { text: x.status }),
      el('td', { text: x.active ? 'active' : 'inactive' }),
      el('td', { text: x.coverage + '%' }),
      el('td', { text: x.arms.map(a => `${a.name}${a.name === x.control ? ' (control)' : ''}: ${a.model}, ${a.weight}%`).join(' · ') }),
      el('td', {}, el('a', { href: x.scorecard, text: 'JSON' }))));
    replace('experiments', head, experiments.length ? rows : el('tr', {}, el('td', { text: 'No experiment is configured.' })));
  }

  // ---------- polling ----------
  async function refresh() {
    const url = body.dataset.page === 'index' ? body.dataset.experiments : body.dataset.scorecard;
    const banner = document.getElementById('error');
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        throw new Error(`${response.status} ${problem.title || response.statusText}${problem.detail ? ': ' + problem.detail : ''}`);
      }
      const data = await response.json();
      if (body.dataset.page === 'index') renderIndex(data); else renderExperiment(data);
      banner.hidden = true;
      document.getElementById('freshness').textContent =
        `updated ${new Date().toISOString().substring(11, 19)} UTC · refreshes every ${refreshMs / 1000} s`;
      body.dataset.refreshes = String((parseInt(body.dataset.refreshes, 10) || 0) + 1);
    } catch (error) {
      // Keep the last good numbers on screen; say why they are stale.
      banner.textContent = `Could not refresh: ${error.message}`;
      banner.hidden = false;
    }
  }

  refresh();
  setInterval(refresh, refreshMs);
})();
