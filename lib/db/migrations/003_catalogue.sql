-- Films imported from the bundled dataset carry what it knows of them; both columns stay null for the rest.
ALTER TABLE movies ADD COLUMN director TEXT CHECK (director IS NULL OR length(director) BETWEEN 1 AND 200);
ALTER TABLE movies ADD COLUMN running_time_min INTEGER CHECK (running_time_min IS NULL OR running_time_min > 0);

-- The import identifies a film by its normalised title and year ("2005:king kong"), so a second run adds
-- nothing and remakes stay apart. Only imported rows have a key (NULLs never collide), so a movie a user
-- creates is never refused for sharing a title and year with one from the dataset.
ALTER TABLE movies ADD COLUMN import_key TEXT;
CREATE UNIQUE INDEX movies_by_import_key ON movies (import_key);
