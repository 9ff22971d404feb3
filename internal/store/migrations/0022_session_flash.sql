-- The message a page shows once after a save ("Kegiatan disimpan."): kept
-- on the session, so that it survives the redirect after a form's post and
-- needs no script in the browser. The next page drawn for the session
-- shows it and clears it.
ALTER TABLE sessions ADD COLUMN flash TEXT NOT NULL DEFAULT '';
