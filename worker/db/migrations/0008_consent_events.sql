-- Consent changes reach open panels like messages do: an event per change, written by triggers in
-- the changing statement's transaction (see 0005). The panel re-reads the candidate's consent.
CREATE TRIGGER consents_created_event AFTER INSERT ON consents
BEGIN
  INSERT INTO events (tenant_id, kind, candidate_id, payload, created_at)
  VALUES (NEW.tenant_id, 'consent.changed', NEW.candidate_id, json_object('channel', NEW.channel, 'state', NEW.state), NEW.updated_at);
END;

CREATE TRIGGER consents_changed_event AFTER UPDATE OF state ON consents WHEN NEW.state <> OLD.state
BEGIN
  INSERT INTO events (tenant_id, kind, candidate_id, payload, created_at)
  VALUES (NEW.tenant_id, 'consent.changed', NEW.candidate_id, json_object('channel', NEW.channel, 'state', NEW.state), NEW.updated_at);
END;
