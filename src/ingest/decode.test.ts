import iconv from 'iconv-lite'
import { expect, test } from 'vitest'
import { decodeBytes } from './decode.js'

test('a meta charset decodes a legacy encoding', () => {
  const bytes = iconv.encode(
    '<html><head><meta charset="windows-1251"></head><body>Привет</body></html>',
    'windows-1251',
  )
  expect(decodeBytes(bytes).text).toContain('Привет')
})

test('a BOM wins over a wrong meta charset', () => {
  const bytes = Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from('<meta charset="iso-8859-1">Grüße', 'utf8'),
  ])
  expect(decodeBytes(bytes)).toMatchObject({
    text: '<meta charset="iso-8859-1">Grüße',
    source: 'bom',
  })
})

test('valid UTF-8 labelled latin-1 is read as UTF-8; unlabelled invalid UTF-8 falls back to windows-1252', () => {
  expect(
    decodeBytes(Buffer.from('<meta charset="iso-8859-1"><p>Grüße</p>', 'utf8')).text,
  ).toContain('Grüße')
  expect(decodeBytes(Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65]))).toMatchObject({
    text: 'Grüße',
    source: 'fallback',
  })
})

test('an unknown declared charset is ignored', () => {
  expect(decodeBytes(Buffer.from('<meta charset="x-klingon">hello', 'utf8')).text).toContain(
    'hello',
  )
})
