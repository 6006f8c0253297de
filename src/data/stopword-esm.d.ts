// The ES module build of `stopword` (see stopwords.ts) exports the same lists as the package's typed entry.
declare module 'stopword/dist/stopword.esm.mjs' {
  import stopword from 'stopword'
  export const {
    ara,
    ces,
    dan,
    deu,
    ell,
    spa,
    fas,
    fin,
    fra,
    heb,
    hun,
    ind,
    ita,
    nld,
    nob,
    pol,
    por,
    ron,
    rus,
    swe,
    tur,
    ukr,
  }: typeof stopword
}
