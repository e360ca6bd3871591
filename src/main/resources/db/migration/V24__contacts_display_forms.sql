-- Contacts, round three: each list number's display form (as a helpliner dials it: national format
-- at home, international otherwise), sealed beside the number under a purpose of its own, so a
-- contacts lookup opens one value per number and never formats (libphonenumber was a tenth of a
-- lookup's CPU). Written with the number; rows from before are sealed at startup
-- (volunteers.DisplayForms): only the app holds the key. Gone with the number (R13).
ALTER TABLE volunteers ADD COLUMN phone_display_cipher bytea;
ALTER TABLE meetings ADD COLUMN contact_phone_display_cipher bytea;
