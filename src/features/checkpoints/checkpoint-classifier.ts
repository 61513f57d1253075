/**
 * <checkpoint-classifier>: a checkpoint file and a photo in, both forms' top-5 out. The file is
 * handed to a worker (src/runtime) that reads it tensor by tensor; the page never imports
 * onnxruntime-web. State that a link can carry (photo source, backend, INT8) lives in the URL
 * under `ckpt.`; files cannot, by design. The form is in the markup (CheckpointClassifier.astro);
 * this module, loaded when the widget is near, brings it to life. `data-job`: idle, running, done,
 * downloaded, cancelled, failed (`data-state` is the widget's own lifecycle); `data-photo`: ready
 * once a photo is decoded; `data-runtime`: the warm start. The checks and words are in
 * classifier-model.ts and explain.ts.
 */
import type { RgbImage } from '../../io/image';
import type { BackendChoice, DeployFileFormat } from '../../runtime/protocol';
import { BACKEND_CHOICES, CONVERT_STEPS, classifySteps } from '../../runtime/protocol';
import { startClassify, startConvert } from '../../runtime/runner';
import { chooseThreads } from '../../runtime/threads';
import { siteUrl } from '../../site/base-url';
import { imagenetClassNames } from '../../ui/class-names';
import { JobController, query, savedText, warmWhenIdle } from '../../ui/job/job-progress';
import { UrlState } from '../../ui/url-state';
import {
  CAMERA_WHAT,
  NO_CHECKPOINT,
  NO_PHOTO,
  SAMPLE_PHOTO,
  SAMPLE_WHAT,
  SOURCES,
  type Source,
  classifyDone,
  classifyFailedStatus,
  explainClassifyFailure,
  photoCaption,
  photoFailure,
  sampleUnavailable,
} from './classifier-model';
import { renderResult, renderSummary } from './classify-report';
import { deployFileName, describeChosenFile, float32Bytes } from './explain';
import { Camera, ImageSourceError, decodeImage } from './image-source';
import { saveBlob } from '../../ui/save-blob';

export function mount(host: HTMLElement): void {
  const url = new UrlState('ckpt');
  /** The file the current job reads, for its status line. */
  let fileName = '';
  /** The photo chosen last; a newer choice replaces a pending one (latest wins). */
  let photo: Promise<RgbImage | undefined> = Promise.resolve(undefined);
  let photoToken = 0;
  /** The file of the last successful run, for the downloads. */
  let converted: File | undefined;
  /** float32 bytes of the weights being read, for the out-of-memory message. */
  let weightBytes = 0;

  const jobs = new JobController(host, {
    extra: '[data-download], [data-camera-start]',
    explain: (error) => explainClassifyFailure(error, weightBytes),
    failedStatus: (error) => classifyFailedStatus(fileName, error),
  });
  const video = query<HTMLVideoElement>(host, '[data-video]');
  const camera = new Camera(video);
  const captureButton = query<HTMLButtonElement>(host, '[data-camera-capture]');
  const preview = query<HTMLCanvasElement>(host, '[data-preview]');
  const previewBox = query(host, '[data-preview-box]');
  const checkpointInput = query<HTMLInputElement>(host, '#ckpt-file');
  const photoInput = query<HTMLInputElement>(host, '#ckpt-image');
  const backendBox = query<HTMLSelectElement>(host, '#ckpt-backend');
  const int8Box = query<HTMLInputElement>(host, '#ckpt-int8');
  const results = query<HTMLElement>(host, '[data-results]');
  const downloads = query(host, '[data-downloads]');
  const showImageMessage = (text: string) => {
    query(host, '[data-image-message]').textContent = text;
  };

  /** WebAssembly threads for a run: Auto's choice (threads.ts). */
  const threads = () => chooseThreads(navigator.hardwareConcurrency || 1, crossOriginIsolated, 'auto').threads;
  /** Warm start: ONNX Runtime started in a spare worker while the page is idle (job-progress.ts). */
  const scheduleWarm = () => warmWhenIdle(host, () => (jobs.busy ? undefined : { backend: backendBox.value as BackendChoice, threads: threads() }));

  const clearPhoto = () => {
    photoToken++;
    photo = Promise.resolve(undefined);
    previewBox.hidden = true;
    delete host.dataset['photo'];
  };

  /** Decodes a photo; the newest choice wins, and its preview replaces the last one. */
  const usePhoto = (decode: () => Promise<RgbImage>, what: string) => {
    const token = ++photoToken;
    showImageMessage('');
    photo = decode().then(
      (image) => {
        if (token !== photoToken) return undefined;
        previewBox.hidden = false;
        query(host, '[data-preview-caption]').textContent = photoCaption(what, image.width, image.height);
        host.dataset['photo'] = 'ready';
        return image;
      },
      (error: unknown) => {
        if (token === photoToken) {
          clearPhoto();
          showImageMessage(photoFailure(error));
        }
        return undefined;
      },
    );
  };

  const stopCamera = () => {
    camera.stop();
    video.hidden = true;
    captureButton.disabled = true;
  };

  const startCamera = async (): Promise<void> => {
    showImageMessage('');
    try {
      await camera.start();
      video.hidden = false;
      captureButton.disabled = false;
    } catch (error) {
      video.hidden = true;
      showImageMessage(error instanceof Error ? error.message : String(error));
    }
  };

  const chooseSource = (source: Source) => {
    url.set({ image: source });
    for (const panel of host.querySelectorAll<HTMLElement>('[data-panel]')) panel.hidden = panel.dataset['panel'] !== source;
    if (source !== 'camera') stopCamera();
    showImageMessage('');
    if (source === 'sample') {
      const sample = siteUrl(SAMPLE_PHOTO);
      usePhoto(async () => {
        const response = await fetch(sample);
        if (!response.ok) throw new ImageSourceError(sampleUnavailable(response.status));
        return decodeImage(await response.blob(), preview);
      }, SAMPLE_WHAT);
    } else if (source === 'file') {
      const file = photoInput.files?.[0];
      if (file) usePhoto(() => decodeImage(file, preview), file.name);
      else clearPhoto();
    } else {
      clearPhoto();
    }
  };

  /** The chosen file's size and the memory a run needs, before anything is read. */
  const describeFile = () => {
    const file = checkpointInput.files?.[0];
    const hint = query<HTMLElement>(host, '[data-hint]');
    // A new file: the last file's status, message and results no longer apply.
    jobs.message('');
    if (!jobs.busy) {
      jobs.progress.clear();
      jobs.state = 'idle';
      results.replaceChildren();
      downloads.hidden = true;
      converted = undefined;
    }
    hint.hidden = !file;
    if (!file) return;
    hint.textContent = describeChosenFile(file.name, file.size);
  };

  const run = async (): Promise<void> => {
    const file = checkpointInput.files?.[0];
    if (!file) {
      jobs.message(NO_CHECKPOINT);
      checkpointInput.focus();
      return;
    }
    const image = await photo;
    if (!image) {
      jobs.message(NO_PHOTO);
      return;
    }
    results.replaceChildren(); // old results would read as this file's if it fails or is cancelled
    downloads.hidden = true;
    converted = undefined;
    weightBytes = file.size;
    const backend = backendBox.value as BackendChoice;
    const int8 = int8Box.checked;
    const steps = classifySteps(int8);
    const job = startClassify(
      { file, image, backend, threads: threads(), int8 },
      {
        onProgress: (step, done, total) => jobs.step(steps, step, done, total),
        onCheckpoint: (summary) => {
          weightBytes = float32Bytes(summary.weightBytes, summary.dtypes);
          results.replaceChildren(renderSummary(summary, file.name));
        },
      },
    );
    const started = performance.now();
    fileName = file.name;
    const result = await jobs.track(job, file.name);
    scheduleWarm(); // ready for the next file or photo
    if (!result) return;
    const names = await imagenetClassNames(import.meta.env.BASE_URL);
    results.replaceChildren(renderResult(result, names, file.name));
    converted = file;
    downloads.hidden = false;
    jobs.end('done', classifyDone(file.name, Boolean(result.train), performance.now() - started), 1);
  };

  const download = async (format: DeployFileFormat): Promise<void> => {
    const file = converted;
    if (!file) return;
    const job = startConvert({ file, format }, { onProgress: (step, done, total) => jobs.step(CONVERT_STEPS, step, done, total) });
    fileName = file.name;
    const made = await jobs.track(job, file.name);
    if (!made) return;
    const name = deployFileName(file.name, format);
    saveBlob(made.blob, name, host);
    jobs.end('downloaded', savedText(name, made.bytes), 1);
  };

  backendBox.value = url.choice('backend', BACKEND_CHOICES, 'auto');
  backendBox.addEventListener('change', () => {
    url.set({ backend: backendBox.value });
    scheduleWarm();
  });
  scheduleWarm();
  int8Box.checked = url.flag('int8');
  int8Box.addEventListener('change', () => url.set({ int8: int8Box.checked }));

  const source = url.choice('image', SOURCES, 'sample');
  for (const radio of host.querySelectorAll<HTMLInputElement>('[data-image-choice] input')) {
    radio.checked = radio.value === source;
    radio.addEventListener('change', () => radio.checked && chooseSource(radio.value as Source));
  }
  chooseSource(source);

  checkpointInput.addEventListener('change', describeFile);
  if (checkpointInput.files?.[0]) describeFile(); // chosen while this code loaded
  photoInput.addEventListener('change', () => {
    const file = photoInput.files?.[0];
    if (file) usePhoto(() => decodeImage(file, preview), file.name);
  });
  query(host, '[data-camera-start]').addEventListener('click', () => void startCamera());
  captureButton.addEventListener('click', () => {
    usePhoto(async () => camera.capture(preview), CAMERA_WHAT);
    captureButton.disabled = true;
    video.hidden = true;
  });
  query<HTMLFormElement>(host, '[data-form]').addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  for (const button of host.querySelectorAll<HTMLButtonElement>('[data-download]')) {
    button.addEventListener('click', () => void download(button.dataset['download'] as DeployFileFormat));
  }
}
