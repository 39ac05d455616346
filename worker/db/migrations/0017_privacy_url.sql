-- The company's privacy policy, linked from the consent page so a candidate can tell the request
-- is genuine and read how their number is used (issue 20, bug 3). Null: no link is shown.
ALTER TABLE tenants ADD COLUMN privacy_url TEXT;
