-- A feature may list its category's topics on a page of its own (the calls board filters by
-- open, overdue, closed and mine); the forum's category page then sends readers there.
ALTER TABLE categories ADD COLUMN list_page text;
UPDATE categories SET list_page = '/calls' WHERE slug = '12th-step-calls';
