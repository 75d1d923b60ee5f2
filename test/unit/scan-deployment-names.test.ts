// A deployment name made of its model's own words (small-embedding for text-embedding-3-small) is read as the model the deployment runs:
// the precision/recall test sees the finding and its pair, this one the canonical model it stands for.
import assert from 'node:assert/strict';
import { scanFixture } from '../fixtures/scan-harness';

describe('Azure OpenAI deployment names read as their model', () => {
  const { scan } = scanFixture('deployment-names');
  const model = (file: string, text: string) =>
    scan.analyses.find((a) => a.file === file)?.findings.find((f) => f.kind === 'model' && f.text === text);

  it("gives a name made of the model's words the deployed model as its value", () => {
    assert.equal(model('terraform/main.tf', 'small-embedding')?.value, 'openai/text-embedding-3-small');
    assert.equal(model('bicep/main.bicep', 'embedding-small')?.value, 'openai/text-embedding-3-small');
  });

  it("keeps a name of its own and another model's id out of the model settings", () => {
    assert.equal(model('terraform/main.tf', 'chat'), undefined);
    assert.equal(model('bicep/main.bicep', 'mini-prod'), undefined);
    const other = scan.analyses.find((a) => a.file === 'terraform/main.tf')?.findings.filter((f) => f.text === 'gpt-4o') ?? [];
    assert.ok(
      other.length > 0 && other.every((f) => f.role === 'mention'),
      'a deployment named gpt-4o that runs gpt-4o-mini is no gpt-4o setting',
    );
  });
});
