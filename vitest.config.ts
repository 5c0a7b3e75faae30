import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Generates the small offline embedding model the semantic tests load (under .cache/).
    globalSetup: ['tests/setup/test-model.ts'],
    // onnxruntime-node is a native addon: separate processes are safer than worker threads.
    pool: 'forks',
    // Loading an ONNX session takes a few seconds on a busy 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // In CI a JSON report is written too, so the run can end with a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.cache/test-report.json' },
  },
});
