-- Pruning the change log (ADR 0122): each node's index says how far it has applied the log; changes every live node
-- has applied are deleted, and the highest id deleted is kept, so that a node whose index is older than that (it was
-- away longer than the liveness bound) rebuilds instead of missing what was pruned.
create table knowledge_index_node (
    node_id    text        primary key check (length(node_id) between 8 and 64),
    applied    bigint      not null,
    seen_at    timestamptz not null default now()
);

create table knowledge_change_pruned (
    only_row        boolean     primary key default true check (only_row),
    pruned_through  bigint      not null,
    pruned_at       timestamptz not null default now()
);
insert into knowledge_change_pruned (pruned_through) values (0);
