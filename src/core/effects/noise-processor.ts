/**
 * The strong noise suppressor: RNNoise (from @sapphi-red/web-noise-suppressor, MIT; RNNoise is
 * BSD) as a livekit-client audio track processor. Loaded by dynamic import only when a user turns
 * it on (see `applyNoiseSuppression`), so neither this code nor its files are part of a call that
 * does not use it.
 *
 * The graph runs in its own 48 kHz AudioContext (RNNoise works on 48 kHz frames of 480 samples):
 * microphone → RNNoise worklet → MediaStreamDestination, whose track livekit-client sends in place
 * of the microphone's (`processedTrack`). The worklet script and the WebAssembly come from the
 * effects folder (`effects/noise/`, or the host's `effects-path`), never from a third party.
 */
import { loadRnnoise, RnnoiseWorkletNode } from '@sapphi-red/web-noise-suppressor';
import type { AudioProcessorOptions, Track, TrackProcessor } from 'livekit-client';
import { effectsUrl } from '../../effects-url.js';

/** RNNoise's only sample rate. */
const SAMPLE_RATE = 48_000;

/** How long a new AudioContext may take to start before the suppressor gives up (a page without any user gesture yet keeps it suspended). */
const START_TIMEOUT = 3_000;

interface Graph {
  source: MediaStreamAudioSourceNode;
  node: RnnoiseWorkletNode;
  destination: MediaStreamAudioDestinationNode;
}

class NoiseProcessor implements TrackProcessor<Track.Kind.Audio, AudioProcessorOptions> {
  processedTrack?: MediaStreamTrack;
  private context?: AudioContext;
  private wasm?: Promise<ArrayBuffer>;
  private graph?: Graph;

  constructor(
    readonly name: string,
    private readonly effectsPath?: string,
  ) {}

  async init({ track }: AudioProcessorOptions): Promise<void> {
    await this.build(track);
  }

  async restart({ track }: AudioProcessorOptions): Promise<void> {
    this.disconnect();
    await this.build(track);
  }

  async destroy(): Promise<void> {
    this.disconnect();
    const context = this.context;
    this.context = undefined;
    this.wasm = undefined;
    if (context && context.state !== 'closed') await context.close().catch(() => undefined);
  }

  private async build(track: MediaStreamTrack): Promise<void> {
    const context = (this.context ??= new AudioContext({ sampleRate: SAMPLE_RATE, latencyHint: 'interactive' }));
    const wasmBinary = await (this.wasm ??= this.load(context));
    if (context.state !== 'running') {
      await Promise.race([context.resume(), new Promise((resolve) => setTimeout(resolve, START_TIMEOUT))]);
      if ((context.state as AudioContextState) !== 'running') throw new Error('The audio processing could not start (no user gesture on the page yet).');
    }
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const node = new RnnoiseWorkletNode(context, { maxChannels: 1, wasmBinary });
    const destination = context.createMediaStreamDestination();
    source.connect(node).connect(destination);
    this.graph = { source, node, destination };
    this.processedTrack = destination.stream.getAudioTracks()[0];
  }

  /** Fetches the WebAssembly (SIMD where the browser has it) and adds the worklet; rejects with why, not later as silence. */
  private async load(context: AudioContext): Promise<ArrayBuffer> {
    const url = (file: string) => effectsUrl(`noise/${file}`, this.effectsPath).href;
    const wasm = await loadRnnoise({ url: url('rnnoise.wasm'), simdUrl: url('rnnoise_simd.wasm') });
    // The worklet compiles it out of sight: a missing file (an HTML 404 page) or a CSP without
    // 'wasm-unsafe-eval' would only give silence there. Compiling it here rejects instead.
    await WebAssembly.compile(wasm);
    await context.audioWorklet.addModule(url('rnnoise/workletProcessor.js'));
    return wasm;
  }

  private disconnect(): void {
    const graph = this.graph;
    this.graph = undefined;
    if (!graph) return;
    graph.source.disconnect();
    graph.node.disconnect();
    graph.node.destroy();
    this.processedTrack?.stop();
    this.processedTrack = undefined;
  }
}

/** A new RNNoise processor named `name` for a microphone track, its files under `effectsPath` (the host's) or the default effects folder. */
export function noiseProcessor(name: string, effectsPath?: string): TrackProcessor<Track.Kind.Audio, AudioProcessorOptions> {
  return new NoiseProcessor(name, effectsPath);
}
