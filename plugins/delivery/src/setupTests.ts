import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy*/waitFor wait for what a test expects for up to 30 s instead of 1 s,
// so a busy machine slows these tests down without failing them.
configure({ asyncUtilTimeout: 30_000 });
