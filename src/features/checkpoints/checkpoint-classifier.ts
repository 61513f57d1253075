/**
 * <checkpoint-classifier>: a checkpoint file and a photo in, both forms' top-5 out. The file is
 * handed to a worker (src/runtime) that reads it tensor by tensor; the page never imports
 * onnxruntime-web. State that a link can carry (photo source, backend) lives in the URL under
 * `ckpt.`; files cannot, by design.
 */
import type { RgbImage } from '../../io/image';
import type { BackendChoice, DeployFileFormat } from '../../runtime/protocol';
import { CONVERT_STEPS, classifySteps } from '../../runtime/protocol';
import { JobFailed, startClassify, startConvert } from '../../runtime/runner';
import { chooseThreads } from '../../runtime/threads';
import { imagenetClassNames } from '../../ui/class-names';
import { JobController, query, runtimeAdvice, warmWhenIdle } from '../../ui/job/job-progress';
import { LazyWidget } from '../../ui/lazy-widget';
import { UrlState } from '../../ui/url-state';
import { renderResult, renderSummary } from './classify-report';
import { deployFileName, describeChosenFile, explainCheckpointError, failureStatus, float32Bytes, memoryMessage } from './explain';
import { Camera, ImageSourceError, decodeImage } from './image-source';
import { formatBytes } from '../../io/bytes';
import { siteUrl } from '../../site/base-url';

const SOURCES = ['sample', 'file', 'camera'] as const;
type Source = (typeof SOURCES)[number];
const BACKENDS: readonly BackendChoice[] = ['auto', 'webgpu', 'wasm'];

export class CheckpointClassifier extends LazyWidget {
  private readonly url = new UrlState('ckpt');
  private jobs!: JobController;
  /** The file the current job reads, for its status line. */
  private fileName = '';
  private camera!: Camera;
  /** The photo chosen last; a newer choice replaces a pending one (latest wins). */
  private photo: Promise<RgbImage | undefined> = Promise.resolve(undefined);
  private photoToken = 0;
  /** The file of the last successful run, for the downloads. */
  private converted: File | undefined;
  /** float32 bytes of the weights being read, for the out-of-memory message. */
  private weightBytes = 0;

  protected init(): void {
    this.jobs = new JobController(this, {
      extra: '[data-download], [data-camera-start]',
      explain: (error) => this.explainFailure(error),
      failedStatus: (error) =>
        failureStatus(this.fileName, error instanceof JobFailed ? error.code : undefined, error instanceof JobFailed ? error.kind : undefined),
    });
    this.camera = new Camera(query<HTMLVideoElement>(this, '[data-video]'));
    const backend = query<HTMLSelectElement>(this, '#ckpt-backend');
    backend.value = this.url.choice('backend', BACKENDS, 'auto');
    backend.addEventListener('change', () => {
      this.url.set({ backend: backend.value });
      this.scheduleWarm();
    });
    this.scheduleWarm();
    const int8 = query<HTMLInputElement>(this, '#ckpt-int8');
    int8.checked = this.url.flag('int8');
    int8.addEventListener('change', () => this.url.set({ int8: int8.checked }));

    const source = this.url.choice('image', SOURCES, 'sample');
    for (const radio of this.querySelectorAll<HTMLInputElement>('[data-image-choice] input')) {
      radio.checked = radio.value === source;
      radio.addEventListener('change', () => radio.checked && this.chooseSource(radio.value as Source));
    }
    this.chooseSource(source);

    query<HTMLInputElement>(this, '#ckpt-file').addEventListener('change', () => this.describeFile());
    query<HTMLInputElement>(this, '#ckpt-image').addEventListener('change', (event) => {
      const file = (event.target as HTMLInputElement).files?.[0];
      if (file) this.usePhoto(() => decodeImage(file, this.preview), file.name);
    });
    query(this, '[data-camera-start]').addEventListener('click', () => void this.startCamera());
    query(this, '[data-camera-capture]').addEventListener('click', () => {
      this.usePhoto(async () => this.camera.capture(this.preview), 'a photo from the camera');
      query<HTMLButtonElement>(this, '[data-camera-capture]').disabled = true;
      query<HTMLVideoElement>(this, '[data-video]').hidden = true;
    });
    query<HTMLFormElement>(this, '[data-form]').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run();
    });
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-download]')) {
      button.addEventListener('click', () => void this.download(button.dataset['download'] as DeployFileFormat));
    }
  }

  /** Warm start: ONNX Runtime started in a spare worker while the page is idle (job-progress.ts). */
  private scheduleWarm(): void {
    warmWhenIdle(this, () =>
      this.jobs.busy
        ? undefined
        : {
            backend: query<HTMLSelectElement>(this, '#ckpt-backend').value as BackendChoice,
            threads: chooseThreads(navigator.hardwareConcurrency || 1, crossOriginIsolated, 'auto').threads,
          },
    );
  }

  private get preview(): HTMLCanvasElement {
    return query<HTMLCanvasElement>(this, '[data-preview]');
  }

  private chooseSource(source: Source): void {
    this.url.set({ image: source });
    for (const panel of this.querySelectorAll<HTMLElement>('[data-panel]')) panel.hidden = panel.dataset['panel'] !== source;
    if (source !== 'camera') this.stopCamera();
    this.showImageMessage('');
    if (source === 'sample') {
      const url = siteUrl('models/samples/samoyed.jpg');
      this.usePhoto(async () => {
        const response = await fetch(url);
        if (!response.ok) throw new ImageSourceError(`The sample photo could not be loaded (HTTP ${response.status}); choose a photo file instead.`);
        return decodeImage(await response.blob(), this.preview);
      }, 'the sample photo (a Samoyed, ImageNet class 258)');
    } else if (source === 'file') {
      const file = query<HTMLInputElement>(this, '#ckpt-image').files?.[0];
      if (file) this.usePhoto(() => decodeImage(file, this.preview), file.name);
      else this.clearPhoto();
    } else {
      this.clearPhoto();
    }
  }

  /** Decodes a photo; the newest choice wins, and its preview replaces the last one. */
  private usePhoto(decode: () => Promise<RgbImage>, what: string): void {
    const token = ++this.photoToken;
    this.showImageMessage('');
    this.photo = decode().then(
      (image) => {
        if (token !== this.photoToken) return undefined;
        query(this, '[data-preview-box]').hidden = false;
        query(this, '[data-preview-caption]').textContent = `${what}: ${image.width}×${image.height} px`;
        this.dataset['photo'] = 'ready';
        return image;
      },
      (error: unknown) => {
        if (token === this.photoToken) {
          this.clearPhoto();
          this.showImageMessage(error instanceof ImageSourceError ? error.message : `The photo could not be read: ${String(error)}`);
        }
        return undefined;
      },
    );
  }

  private clearPhoto(): void {
    this.photoToken++;
    this.photo = Promise.resolve(undefined);
    query(this, '[data-preview-box]').hidden = true;
    delete this.dataset['photo'];
  }

  private async startCamera(): Promise<void> {
    this.showImageMessage('');
    const video = query<HTMLVideoElement>(this, '[data-video]');
    try {
      await this.camera.start();
      video.hidden = false;
      query<HTMLButtonElement>(this, '[data-camera-capture]').disabled = false;
    } catch (error) {
      video.hidden = true;
      this.showImageMessage(error instanceof Error ? error.message : String(error));
    }
  }

  private stopCamera(): void {
    this.camera?.stop();
    query<HTMLVideoElement>(this, '[data-video]').hidden = true;
    query<HTMLButtonElement>(this, '[data-camera-capture]').disabled = true;
  }

  /** The chosen file's size and the memory a run needs, before anything is read. */
  private describeFile(): void {
    const file = query<HTMLInputElement>(this, '#ckpt-file').files?.[0];
    const hint = query<HTMLElement>(this, '[data-hint]');
    // A new file: the last file's status, message and results no longer apply.
    this.showMessage('');
    if (!this.jobs.busy) {
      this.jobs.progress.clear();
      delete this.dataset['state'];
      query<HTMLElement>(this, '[data-results]').replaceChildren();
      query(this, '[data-downloads]').hidden = true;
      this.converted = undefined;
    }
    hint.hidden = !file;
    if (!file) return;
    hint.textContent = describeChosenFile(file.name, file.size);
  }

  private async run(): Promise<void> {
    const input = query<HTMLInputElement>(this, '#ckpt-file');
    const file = input.files?.[0];
    if (!file) {
      this.showMessage('Choose a checkpoint file first (a .pth or .safetensors file).');
      input.focus();
      return;
    }
    const image = await this.photo;
    if (!image) {
      this.showMessage('Choose a photo first: the sample photo, a photo file, or take one with the camera.');
      return;
    }
    const results = query<HTMLElement>(this, '[data-results]');
    results.replaceChildren(); // old results would read as this file's if it fails or is cancelled
    query(this, '[data-downloads]').hidden = true;
    this.converted = undefined;
    this.weightBytes = file.size;
    const threads = chooseThreads(navigator.hardwareConcurrency || 1, crossOriginIsolated, 'auto').threads;
    const backend = query<HTMLSelectElement>(this, '#ckpt-backend').value as BackendChoice;
    const int8 = query<HTMLInputElement>(this, '#ckpt-int8').checked;
    const steps = classifySteps(int8);
    const job = startClassify(
      { file, image, backend, threads, int8 },
      {
        onProgress: (step, done, total) => this.jobs.step(steps, step, done, total),
        onCheckpoint: (summary) => {
          this.weightBytes = float32Bytes(summary.weightBytes, summary.dtypes);
          results.replaceChildren(renderSummary(summary, file.name));
        },
      },
    );
    const started = performance.now();
    this.fileName = file.name;
    const result = await this.jobs.track(job, file.name);
    this.scheduleWarm(); // ready for the next file or photo
    if (!result) return;
    const names = await imagenetClassNames(import.meta.env.BASE_URL);
    results.replaceChildren(renderResult(result, names, file.name));
    this.converted = file;
    query(this, '[data-downloads]').hidden = false;
    const what = result.train ? 'read, converted, and both networks run' : 'read and run';
    this.jobs.end('done', `Done: ${file.name} ${what} in ${((performance.now() - started) / 1000).toFixed(1)} s.`, 1);
  }

  private async download(format: DeployFileFormat): Promise<void> {
    const file = this.converted;
    if (!file) return;
    const job = startConvert({ file, format }, { onProgress: (step, done, total) => this.jobs.step(CONVERT_STEPS, step, done, total) });
    this.fileName = file.name;
    const made = await this.jobs.track(job, file.name);
    if (!made) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(made.blob);
    link.download = deployFileName(file.name, format);
    link.hidden = true;
    this.append(link);
    link.click();
    link.remove();
    // The download has its own copy once it has started; give it a minute, then free the blob.
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    this.jobs.end('downloaded', `Saved ${link.download} (${formatBytes(made.bytes)}).`, 1);
  }

  private explainFailure(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof JobFailed && error.kind === 'checkpoint') return explainCheckpointError(error.code, message);
    if (error instanceof JobFailed && error.kind === 'memory') return memoryMessage(this.weightBytes, message);
    if (error instanceof JobFailed && error.kind === 'webgpu') return message;
    if (error instanceof JobFailed && error.kind === 'runtime') return runtimeAdvice(message);
    return `Something went wrong: ${message}. Try again, or choose WebAssembly; the page still works.`;
  }

  private showMessage(text: string): void {
    this.jobs.message(text);
  }

  private showImageMessage(text: string): void {
    query(this, '[data-image-message]').textContent = text;
  }
}
