// Grades one page of a locally served site with the MDN HTTP Observatory's own
// retriever, tests and grader. Run by scripts/observatory, which serves the site.
//
//   node scripts/observatory.mjs PACKAGE_DIR HOSTNAME HTTPS_PORT HTTP_PORT PATH...
//
// The package's CLI (src/scan.js) takes a bare hostname and always scans ports 80
// and 443; its retriever already accepts {httpsPort, httpPort, path}, but scan()
// does not pass them on. So this follows scan() step for step, with those options.
// Prints one line per path (grade, score, failed tests) and exits 1 below A+.
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pkgDir, hostname, httpsPort, httpPort, ...paths] = process.argv.slice(2);
if (!pkgDir || !hostname || !httpsPort || !httpPort || paths.length === 0) {
  console.error("usage: observatory.mjs PACKAGE_DIR HOSTNAME HTTPS_PORT HTTP_PORT PATH...");
  process.exit(2);
}
const load = (file) => import(pathToFileURL(path.join(pkgDir, "src", file)).href);
const { retrieve } = await load("retriever/retriever.js");
const { ALL_TESTS, NUM_TESTS } = await load("constants.js");
const { MINIMUM_SCORE_FOR_EXTRA_CREDIT } = await load("grader/charts.js");
const { getGradeForScore, getScoreModifier } = await load("grader/grader.js");

async function grade(pagePath) {
  const requests = await retrieve(hostname, { httpsPort, httpPort, path: pagePath });
  const response = requests.responses.auto;
  if (!response) throw new Error(`https://${hostname}:${httpsPort}${pagePath} did not answer`);
  if (response.status < 200 || (response.status >= 400 && ![401, 403].includes(response.status))) {
    throw new Error(`${pagePath} answered HTTP ${response.status}`);
  }
  let withExtraCredit = 100;
  let uncurved = 100;
  const results = ALL_TESTS.map((test) => test(requests));
  const failed = [];
  for (const result of results) {
    if (!result.result) continue;
    const modifier = getScoreModifier(result.result);
    withExtraCredit += modifier;
    if (modifier < 0) uncurved += modifier;
    if (!result.pass) failed.push(`${result.constructor.name}=${result.result}`);
  }
  const score = uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved;
  const final = getGradeForScore(score);
  const details = results.map((r) => `${r.constructor.name}=${r.result}`).join(" ");
  return { ...final, passed: NUM_TESTS - failed.length, failed, details };
}

let worst = true;
for (const pagePath of paths) {
  try {
    const result = await grade(pagePath);
    console.log(
      `${pagePath}: grade ${result.grade}, score ${result.score}, ` +
        `tests passed ${result.passed}/${NUM_TESTS}` +
        (result.failed.length ? `, failed: ${result.failed.join(", ")}` : "")
    );
    console.log(`  ${result.details}`);
    if (result.grade !== "A+") worst = false;
  } catch (error) {
    console.log(`${pagePath}: scan failed: ${error.message}`);
    worst = false;
  }
}
process.exit(worst ? 0 : 1);
