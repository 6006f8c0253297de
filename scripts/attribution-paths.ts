/** Where the attribution model and the training's out-of-fold tags live. */
export const MODEL_OUT = new URL('../models/attributions.json.gz', import.meta.url)
/** Out-of-fold tags of every train article, for scripts/tune-attributions.ts (not shipped; eval/out is ignored). */
export const OUT_OF_FOLD = new URL('../eval/out/attributions-out-of-fold.json.gz', import.meta.url)
