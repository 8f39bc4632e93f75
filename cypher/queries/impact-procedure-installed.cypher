// whether the fedcmdb.expand procedure is installed (the embedded database has it; a server needs the plugin)
SHOW PROCEDURES YIELD name
WHERE name = 'fedcmdb.expand'
RETURN name
