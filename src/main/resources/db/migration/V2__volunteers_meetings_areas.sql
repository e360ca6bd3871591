-- The 12th Step list, meetings and areas. Phone numbers are stored only encrypted (AES-GCM,
-- *_cipher) with a keyed hash (*_index) to find duplicates without decrypting; never in clear.

CREATE TABLE areas (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name      text             NOT NULL,
    region    text             NOT NULL,
    latitude  double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180)
);
CREATE UNIQUE INDEX areas_name_unique ON areas (lower(name));

CREATE TABLE volunteers (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    first_name                text        NOT NULL,
    phone_cipher              bytea       NOT NULL,
    phone_index               bytea       NOT NULL UNIQUE,
    sex                       text        NOT NULL CHECK (sex IN ('female', 'male', 'other')),
    home_area_id              bigint      NOT NULL REFERENCES areas (id),
    clean_date                date        NOT NULL,
    can_phone                 boolean     NOT NULL,
    can_visit                 boolean     NOT NULL,
    guidelines_acknowledged_on date,
    form_received             boolean     NOT NULL DEFAULT false,
    active                    boolean     NOT NULL DEFAULT true,
    account_id                bigint UNIQUE REFERENCES accounts (id),
    last_asked_at             timestamptz,
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL,
    version                   bigint      NOT NULL DEFAULT 0
);

-- the areas a volunteer covers (the home area always among them)
CREATE TABLE volunteer_areas (
    volunteer_id bigint NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    area_id      bigint NOT NULL REFERENCES areas (id),
    PRIMARY KEY (volunteer_id, area_id)
);
CREATE INDEX volunteer_areas_area_idx ON volunteer_areas (area_id);

CREATE TABLE meetings (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                 text    NOT NULL,
    area_id              bigint  NOT NULL REFERENCES areas (id),
    weekday              text    NOT NULL CHECK (weekday IN ('monday','tuesday','wednesday','thursday','friday','saturday','sunday')),
    starts_at            time    NOT NULL,
    contact_name         text,
    contact_phone_cipher bytea,
    -- set when the contact is a forum member, so that leaving the list removes them here too (R13)
    contact_account_id   bigint REFERENCES accounts (id),
    version              bigint  NOT NULL DEFAULT 0,
    CHECK ((contact_name IS NULL) = (contact_phone_cipher IS NULL))
);
CREATE INDEX meetings_area_idx ON meetings (area_id);

ALTER TABLE audit_log ADD COLUMN volunteer_id bigint;
-- a fixed code such as a removal reason: lowercase words only, so it can never carry text
ALTER TABLE audit_log ADD COLUMN detail text CHECK (detail ~ '^[a-z_]{1,40}$');
