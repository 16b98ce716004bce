import { describe, expect, it } from 'vitest';
import nodejieba from 'nodejieba';

describe('toolchain', () => {
  it('loads the nodejieba native addon', () => {
    expect(nodejieba.cut('工业互联网')).toContain('互联网');
  });
});
