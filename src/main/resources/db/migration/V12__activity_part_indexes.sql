-- Activity of a user who is not an administrator is read in parts, each newest first from an index of
-- its own, instead of testing every event and pull of the account (V9's indexes) for the few they may
-- see: the events and pulls of each organization they may read...
create index audit_event_by_organization on audit_event (account_id desc, organization_id desc, occurred_at desc,
                                                         id desc);
create index pull_event_by_organization on pull_event (owner_account_id desc, organization_id desc, pulled_at desc,
                                                       id desc);
-- ...of each image they may read by an image grant (pulls: V9's pull_event_of_image), in the order an
-- image's history reads them too...
drop index audit_event_image;
create index audit_event_image on audit_event (image_id desc, occurred_at desc, id desc);
-- ...the events of each action of the shares their account received, and of their own access tokens.
create index audit_event_by_action on audit_event (account_id desc, action desc, occurred_at desc, id desc);
create index audit_event_by_actor on audit_event (account_id desc, actor desc, action desc, occurred_at desc, id desc);
