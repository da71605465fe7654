import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines?: Record<string, string>;
  devEngines?: { runtime?: { name: string; version: string } };
  devDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
/** The Lambda runtime every function is deployed on, e.g. nodejs22.x. */
const lambdaRuntime = (parse(readFileSync(join(root, 'serverless.yml'), 'utf8')) as { provider: { runtime: string } }).provider.runtime;
const lambdaMajor = /^nodejs(\d+)\.x$/.exec(lambdaRuntime)?.[1];

describe('one Node for everything: the Lambda runtime', () => {
  it('deploys on a nodejsNN.x runtime', () => {
    expect(lambdaMajor).toEqual(expect.stringMatching(/^\d+$/));
  });

  it('runs the tests on the Node major the functions are deployed on', () => {
    expect(`nodejs${process.versions.node.split('.')[0]}.x`).toBe(lambdaRuntime);
  });

  it('pins that Node exactly as a devDependency, which npm puts first on the PATH of every npm script', () => {
    expect(packageJson.devDependencies?.node).toMatch(new RegExp(`^${lambdaMajor}\\.\\d+\\.\\d+$`));
    expect(process.version).toBe(`v${packageJson.devDependencies?.node}`);
  });

  it("declares that Node as the project's engine, and the Node that runs npm itself as a devEngine", () => {
    expect(packageJson.engines?.node).toBe(`${lambdaMajor}.x`);
    expect(packageJson.devEngines?.runtime).toMatchObject({ name: 'node', version: expect.any(String) });
  });

  it("lets the node package's install script put its binary in place, which npm 11 asks to approve", () => {
    expect(packageJson.allowScripts?.node).toBe(true);
  });
});
