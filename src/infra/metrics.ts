// The Metrics port on prom-client, one registry per process, served at GET /metrics.
import client from 'prom-client';
import type { CounterMetric, GaugeSample, HistogramMetric, Labels, Metrics } from '../core/ports.js';

export class PromMetrics implements Metrics {
  readonly registry = new client.Registry();
  private readonly counters = new Map<string, client.Counter>();
  private readonly histograms = new Map<string, client.Histogram>();

  constructor(opts: { defaults?: boolean } = {}) {
    if (opts.defaults !== false) client.collectDefaultMetrics({ register: this.registry, prefix: 'switchboard_process_' });
  }

  counter(name: string, help: string, labelNames: string[] = []): CounterMetric {
    let c = this.counters.get(name);
    if (!c) {
      c = new client.Counter({ name, help, labelNames, registers: [this.registry] });
      this.counters.set(name, c);
    }
    const counter = c;
    return { inc: (labels?: Labels, n = 1) => (labels ? counter.inc(labels, n) : counter.inc(n)) };
  }

  histogram(name: string, help: string, labelNames: string[] = [], buckets?: number[]): HistogramMetric {
    let h = this.histograms.get(name);
    if (!h) {
      h = new client.Histogram({ name, help, labelNames, buckets: buckets ?? client.exponentialBuckets(0.001, 2.5, 12), registers: [this.registry] });
      this.histograms.set(name, h);
    }
    const hist = h;
    return { observe: (labels: Labels, value: number) => hist.observe(labels, value) };
  }

  gauge(name: string, help: string, labelNames: string[], collect: () => GaugeSample[]): void {
    new client.Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const s of collect()) this.set(s.labels, s.value);
      },
    });
  }

  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
