-- Version 3: the fields a story list shows, as JSON (listFieldsOf in src/store/store.ts), beside the report, so
-- that listing stories reads none of the reports (256 KB on average in a store of 10,000 articles). Stories
-- written before it have it empty and are listed from their reports until rewritten.
ALTER TABLE stories ADD COLUMN list_row text;
