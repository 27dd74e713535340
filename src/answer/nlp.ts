import { createRequire } from 'node:module';

/**
 * compromise's tagger, loaded from its single-file CommonJS build. Imported as ESM it is hundreds
 * of source modules, each resolved and compiled on its own, which made every start-up wait about
 * half a second longer for it; the bundle is the same version of the same code.
 */
const require = createRequire(import.meta.url);
const nlp = require('compromise/two') as typeof import('compromise/two').default;

export default nlp;
