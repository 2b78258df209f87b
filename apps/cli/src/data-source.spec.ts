import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '@fair/testing';
import { ALL_ENTITIES } from './data-source';

describe('the CLI data source', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await startTestSystem({ worker: true });
  });
  afterAll(() => sys?.close());

  it('lists exactly the entities that the api and worker load', () => {
    const loaded = new Set([
      ...sys.dataSource.entityMetadatas.map((m) => m.target),
      ...sys.worker!.get<typeof sys.dataSource>(sys.dataSource.constructor as never, { strict: false }).entityMetadatas.map((m) => m.target),
    ]);
    expect(new Set(ALL_ENTITIES)).toEqual(loaded);
  });
});
