import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractZip } from '../../../tools/artifacts/zip';
import { startLambdaProcess, type LambdaProcess } from '../../../tools/artifacts/lambdaProcess';
import { httpEvent } from '../../../harness/events';
import { zipFiles } from '../../support/zipFile';

/**
 * The artifact check runs each function's zip as Lambda would: unzipped into an empty folder, its handler
 * loaded by a fresh Node process that sees nothing else.
 */
describe('a function zip run in a fresh Node process', () => {
  let folder: string;
  let lambda: LambdaProcess | undefined;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'lambda-process-'));
  });
  afterEach(async () => {
    await lambda?.stop();
    lambda = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  const unzip = (files: Record<string, string>) => {
    writeFileSync(join(folder, 'function.zip'), zipFiles(files));
    const taskRoot = join(folder, 'task');
    extractZip(join(folder, 'function.zip'), taskRoot);
    return taskRoot;
  };

  it('unzips every file of the archive, deflated ones included', () => {
    const taskRoot = unzip({ 'functions/a/a.js': 'module.exports = 1;\n', 'public/styles.css': 'body { color: red }'.repeat(50) });

    expect(readFileSync(join(taskRoot, 'functions/a/a.js'), 'utf8')).toBe('module.exports = 1;\n');
    expect(readFileSync(join(taskRoot, 'public/styles.css'), 'utf8')).toBe('body { color: red }'.repeat(50));
  });

  it("invokes the handler on the Lambda runtime's Node, from the task root, with no other module in reach, and collects its log lines", async () => {
    const taskRoot = unzip({
      'functions/probe/probe.js': `
        exports.handler = async (event, context) => {
          console.log(JSON.stringify({ message: 'probed', requestId: context.awsRequestId }));
          let jest = 'unreachable';
          try { require.resolve('jest'); jest = 'reachable'; } catch {}
          return { statusCode: 200, body: JSON.stringify({
            node: process.versions.node, cwd: process.cwd(), nodePath: process.env.NODE_PATH ?? '', jest,
            path: event.rawPath, functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, remaining: context.getRemainingTimeInMillis() > 0,
          }) };
        };`,
    });
    lambda = await startLambdaProcess({
      taskRoot,
      handler: 'functions/probe/probe.handler',
      functionName: 'probe',
      env: {},
      timeoutSeconds: 10,
    });

    const { result, logs, awsRequestId } = await lambda.invoke(httpEvent({ path: '/probe/' }));

    expect(result).toMatchObject({ statusCode: 200 });
    expect(JSON.parse((result as { body: string }).body)).toEqual({
      node: expect.stringMatching(/^22\./),
      cwd: taskRoot,
      nodePath: '',
      jest: 'unreachable',
      path: '/probe/',
      functionName: 'probe',
      remaining: true,
    });
    expect(logs).toContain(JSON.stringify({ message: 'probed', requestId: awsRequestId }));
  });

  it('fails when the zip leaves out a module its handler needs', async () => {
    const taskRoot = unzip({ 'functions/needs/needs.js': "require('openai'); exports.handler = async () => ({ statusCode: 200 });" });

    await expect(
      startLambdaProcess({ taskRoot, handler: 'functions/needs/needs.handler', functionName: 'needs', env: {}, timeoutSeconds: 10 }),
    ).rejects.toThrow(/Cannot find module 'openai'/);
  });

  it('fails when the handler path names no file or no export', async () => {
    const taskRoot = unzip({ 'functions/here/here.js': 'exports.handler = async () => ({ statusCode: 200 });' });

    await expect(
      startLambdaProcess({ taskRoot, handler: 'functions/there/here.handler', functionName: 'here', env: {}, timeoutSeconds: 10 }),
    ).rejects.toThrow(/Cannot find module/);
    await expect(
      startLambdaProcess({ taskRoot, handler: 'functions/here/here.main', functionName: 'here', env: {}, timeoutSeconds: 10 }),
    ).rejects.toThrow('functions/here/here.main is not a function');
  });

  it('reports a handler that throws, and one that outlives its timeout', async () => {
    const taskRoot = unzip({
      'functions/bad/bad.js': `
        exports.throws = async () => { throw new Error('broken inside'); };
        exports.hangs = () => new Promise(() => setInterval(() => {}, 1000));`,
    });
    lambda = await startLambdaProcess({ taskRoot, handler: 'functions/bad/bad.throws', functionName: 'bad', env: {}, timeoutSeconds: 1 });
    await expect(lambda.invoke(httpEvent())).rejects.toThrow('broken inside');
    await lambda.stop();

    lambda = await startLambdaProcess({ taskRoot, handler: 'functions/bad/bad.hangs', functionName: 'bad', env: {}, timeoutSeconds: 1 });
    await expect(lambda.invoke(httpEvent())).rejects.toThrow('timed out after 1 s');
  });
});
