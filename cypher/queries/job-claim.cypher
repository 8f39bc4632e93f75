// Claims one fire of a scheduled job for this instance; fails on the uniqueness constraint when another has it.
CREATE (f:JobFire {key: $key, job: $job, slot: $slot, at: $now, instance: $instance})
