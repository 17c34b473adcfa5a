// Runs the demo builds on a Jenkins that retake.sh started, then takes the documentation's screenshots
// of it in headless Chromium (puppeteer-core drives the system's browser; it downloads none).
//   node shoot.mjs    with JENKINS_URL, ISH_SHOTS_PASSWORD_FILE, ISH_SHOTS_TOKEN_FILE and OUT set by retake.sh;
//                     SHOTS_ONLY=1 photographs the last builds instead of running new ones
// Every page is checked for the emulator's token before it is photographed: a picture never shows it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const jenkins = process.env.JENKINS_URL.replace(/\/?$/, '/');
const out = process.env.OUT;
const token = readFileSync(process.env.ISH_SHOTS_TOKEN_FILE, 'utf8').trim();
const login = 'Basic ' + Buffer.from('admin:' + readFileSync(process.env.ISH_SHOTS_PASSWORD_FILE, 'utf8').trim()).toString('base64');
const WIDTH = 1280;
const PAD = 12;

/** The REST API: a crumb (tied to the session cookie) for each POST. */
async function api(path, method = 'GET') {
  const headers = { Authorization: login };
  if (method === 'POST') {
    const r = await fetch(jenkins + 'crumbIssuer/api/json', { headers });
    const crumb = await r.json();
    headers.Cookie = (r.headers.get('set-cookie') || '').split(';')[0];
    headers[crumb.crumbRequestField] = crumb.crumb;
  }
  const r = await fetch(jenkins + path, { method, headers, redirect: 'manual' });
  if (r.status >= 400) throw new Error(`${method} ${path}: HTTP ${r.status}`);
  return r;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds a job and waits for the build to end; returns its number. */
async function build(job) {
  const queued = (await api(`job/${job}/build?delay=0sec`, 'POST')).headers.get('location');
  const item = new URL('api/json', queued.endsWith('/') ? queued : queued + '/').pathname.replace(/^.*?\/queue\//, 'queue/');
  for (let i = 0; i < 600; i++) {
    const q = await (await api(item)).json();
    if (q.executable) {
      for (;;) {
        const b = await (await api(`job/${job}/${q.executable.number}/api/json?tree=building,result`)).json();
        if (!b.building) {
          if (b.result !== 'SUCCESS') throw new Error(`${job} #${q.executable.number} ended ${b.result}`);
          return q.executable.number;
        }
        await sleep(1000);
      }
    }
    await sleep(500);
  }
  throw new Error(`${job} did not start within 5 minutes`);
}

async function consoleText(job, number) {
  return (await api(`job/${job}/${number}/consoleText`)).text();
}

function chromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    for (const dir of (process.env.PATH || '').split(':')) {
      if (dir && existsSync(join(dir, name))) return join(dir, name);
    }
  }
  const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
  if (existsSync(mac)) return mac;
  throw new Error('No Chromium or Chrome found: install Debian\'s chromium package, or set CHROMIUM to the browser\'s path.');
}

/** The first element matching the selector that is shown, containing the text if one is given. */
async function shown(page, selector, text) {
  const handle = await page.waitForFunction(
    (s, t) => [...document.querySelectorAll(s)].find((e) => e.checkVisibility() && (!t || e.textContent.includes(t))),
    { timeout: 30000 }, selector, text);
  return handle.asElement();
}

/**
 * Types into the shown field, leaves it and waits for its check to answer: a check's message that
 * comes or goes moves what is below it, and a click aimed before that would miss.
 */
async function fill(page, selector, text) {
  const field = await shown(page, selector);
  await field.click({ count: 3 });
  await field.type(text);
  await page.keyboard.press('Tab');
  await page.waitForNetworkIdle({ idleTime: 300 });
}

/** Screenshot of the union of the elements' boxes, padded, in a viewport as tall as the page (no sticky bar on top). */
async function shoot(page, name, elements, { from } = {}) {
  const html = await page.content();
  if (html.includes(token)) throw new Error(`The page for ${name} shows the token: no picture taken.`);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewport({ width: WIDTH, height });
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await sleep(500); // expanding sections and validation messages animate
  const boxes = await Promise.all(elements.map((e) => e.evaluate((n) => {
    const r = n.getBoundingClientRect();
    return { x: r.left + scrollX, y: r.top + scrollY, right: r.right + scrollX, bottom: r.bottom + scrollY };
  })));
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - PAD);
  const top = from ? await from.evaluate((n) => n.getBoundingClientRect().top + scrollY) : Math.min(...boxes.map((b) => b.y));
  const y = Math.max(0, top - PAD);
  const right = Math.min(WIDTH, Math.max(...boxes.map((b) => b.right)) + PAD);
  const bottom = Math.max(...boxes.map((b) => b.bottom)) + PAD;
  const path = join(out, name);
  await page.screenshot({ path, clip: { x, y, width: right - x, height: bottom - y } });
  console.log(`${name}: ${Math.round(right - x)} x ${Math.round(bottom - y)} px`);
}

async function globalConfiguration(page) {
  await page.goto(jenkins + 'manage/configure', { waitUntil: 'load' });
  const section = await page.waitForFunction(() => [...document.querySelectorAll('section.jenkins-section')]
    .find((s) => s.querySelector('.jenkins-section__title')?.textContent.trim() === 'Ish CD'));
  await (await section.evaluateHandle((s) => [...s.querySelectorAll('button')].find((b) => b.textContent.includes('Test connection')))).asElement().click();
  const answer = await page.waitForFunction((s) => [...s.querySelectorAll('.ok, .warning, .error')]
    .find((e) => e.checkVisibility() && e.textContent.trim()), {}, section);
  const said = await answer.evaluate((e) => e.textContent.trim());
  if (!said.startsWith('Connected')) throw new Error('Test connection answered: ' + said);
  const advanced = await section.evaluateHandle((s) => [...s.querySelectorAll('button')].find((b) => b.textContent.includes('Advanced')));
  await advanced.asElement().click();
  await page.waitForFunction((s) => [...s.querySelectorAll('input[name="_.maxRequestsInFlight"]')].some((e) => e.checkVisibility()), {}, section);
  const title = await section.evaluateHandle((s) => s.querySelector('.jenkins-section__title'));
  await shoot(page, 'global-configuration.png', [section.asElement()], { from: title.asElement() });
}

async function snippetGenerator(page) {
  await page.goto(jenkins + 'job/deploy/pipeline-syntax/', { waitUntil: 'load' });
  const select = await page.waitForSelector('select.dropdownList');
  await page.waitForNetworkIdle({ idleTime: 500 }); // the first step's form, which the page fetches as it loads
  await select.select('ishRun: Ish CD: run job');
  await shown(page, 'input[name="_.project"]');
  // "Add variable" works once Jenkins' repeatable script has taken the variable's template out of the form
  await page.waitForFunction(() => !document.querySelector('.repeated-chunk.to-be-removed'));
  await fill(page, 'input[name="_.project"]', 'my-corp');
  await fill(page, 'input[name="_.job"]', 'deploy');
  await (await shown(page, 'button', 'Add variable')).click();
  await fill(page, 'input[name="_.name"]', 'BRANCH');
  await fill(page, 'input[name="_.value"]', 'main');
  await (await shown(page, 'button', 'Advanced')).click();
  await fill(page, 'input[name="_.timeout"]', '30');
  await (await shown(page, 'button', 'Generate Pipeline Script')).click();
  const text = await page.waitForFunction(() => {
    const t = document.querySelector('#prototypeText');
    return t && t.value.startsWith('ishRun') && t;
  });
  const label = await shown(page, '.jenkins-form-label', 'Sample Step');
  const copy = await shown(page, 'button.jenkins-copy-button');
  await shoot(page, 'snippet-generator.png', [select, text.asElement(), copy], { from: label });
  console.log('The Snippet Generator says: ' + await page.$eval('#prototypeText', (t) => t.value));
}

async function runsPage(page, number) {
  await page.goto(`${jenkins}job/release/${number}/ish-cd/`, { waitUntil: 'load' });
  const table = await page.waitForSelector('#main-panel table');
  const caption = await page.waitForSelector('#main-panel .jenkins-app-bar');
  await shoot(page, 'build-ish-cd-runs.png', [caption, table]);
}

async function consolePage(page, number) {
  await page.goto(`${jenkins}job/deploy/${number}/console`, { waitUntil: 'load' });
  const output = await page.waitForSelector('pre.console-output');
  await page.waitForFunction(() => document.querySelector('pre.console-output').textContent.includes('Finished: SUCCESS'));
  const title = await page.waitForSelector('#main-panel h1, #main-panel .jenkins-app-bar');
  await shoot(page, 'console.png', [title, output]);
}

let deploy;
let releaseNumber;
if (process.env.SHOTS_ONLY === '1') { // pictures of the last builds of a Jenkins that KEEP=1 left running
  deploy = (await (await api('job/deploy/lastSuccessfulBuild/api/json?tree=number')).json()).number;
  releaseNumber = (await (await api('job/release/lastSuccessfulBuild/api/json?tree=number')).json()).number;
} else {
  const release = build('release');
  let log = '';
  for (let i = 0; i < 8 && !log.includes('usually takes about'); i++) { // five complete runs teach the job's duration
    deploy = await build('deploy');
    log = await consoleText('deploy', deploy);
  }
  releaseNumber = await release;
  if (!log.includes('usually takes about')) throw new Error('No build of deploy said how long the job usually takes.');
}
for (const [job, number] of [['deploy', deploy], ['release', releaseNumber]]) {
  if ((await consoleText(job, number)).includes(token)) throw new Error(`The console of ${job} #${number} shows the token.`);
}

const browser = await puppeteer.launch({
  executablePath: chromium(),
  args: [...(process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : []), '--lang=en-US', '--hide-scrollbars'],
});
try {
  for (const take of [globalConfiguration, snippetGenerator, (p) => runsPage(p, releaseNumber), (p) => consolePage(p, deploy)]) {
    const page = await browser.newPage(); // a fresh page each: a left form would ask before it is left
    page.setDefaultTimeout(60000);
    await page.setExtraHTTPHeaders({ Authorization: login, 'Accept-Language': 'en' });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await page.setViewport({ width: WIDTH, height: 900 });
    try {
      await take(page);
    } catch (e) {
      if (process.env.WORK) await page.screenshot({ path: join(process.env.WORK, 'failed.png'), fullPage: true });
      throw e;
    }
    await page.close({ runBeforeUnload: false });
  }
} finally {
  await browser.close();
}
for (const name of ['global-configuration.png', 'snippet-generator.png', 'build-ish-cd-runs.png', 'console.png']) {
  try {
    execFileSync('optipng', ['-quiet', '-o2', join(out, name)]);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
    console.log('optipng is not installed: the pictures are not optimised.');
    break;
  }
}
