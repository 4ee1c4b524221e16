-- What other modules may read of a workspace's people (segments' owner field, the book of business): never the
-- password hash.
create view workspace_v_user as
select workspace_id, user_id, email, display_name, role, disabled
from app_user;
