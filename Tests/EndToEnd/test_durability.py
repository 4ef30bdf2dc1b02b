"""State across restarts and crashes, the single-writer lock on the db file, and the command-line contract."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import time

import pytest

from e2e import (DEVELOPER_EMAIL_CONFIGURATION, POOL_ID_RE, RECOVERY_PHONE_FIRST, binary_path, create_pool,
                 free_port, list_all_pool_ids, post, strip_meta)

FLAGS = {
    "--host": "MOCK_COGNITO_HOST",
    "--port": "MOCK_COGNITO_PORT",
    "--db": "MOCK_COGNITO_DB",
    "--region": "MOCK_COGNITO_REGION",
    "--log-level": "MOCK_COGNITO_LOG_LEVEL",
}


def run_binary(args, env=None, timeout=15, cwd=None) -> subprocess.CompletedProcess:
    e = {k: v for k, v in os.environ.items() if not k.startswith("MOCK_COGNITO_")}
    e.update(env or {})
    if not binary_path().exists():
        pytest.fail(f"mock-cognito binary not found at {binary_path()}")
    return subprocess.run([str(binary_path()), *args], env=e, capture_output=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, cwd=cwd, text=True)


def snapshot(client, pool_id):
    return (client.describe_user_pool(UserPoolId=pool_id)["UserPool"],
            strip_meta(client.get_user_pool_mfa_config(UserPoolId=pool_id)))


def configured_pool(client):
    pool = create_pool(client, EmailConfiguration=DEVELOPER_EMAIL_CONFIGURATION,
                       AccountRecoverySetting=RECOVERY_PHONE_FIRST, UserPoolTags={"keep": "me"},
                       AutoVerifiedAttributes=["email"], DeletionProtection="INACTIVE")
    client.set_user_pool_mfa_config(
        UserPoolId=pool["Id"], MfaConfiguration="OPTIONAL",
        SoftwareTokenMfaConfiguration={"Enabled": True},
        EmailMfaConfiguration={"Message": "Code {####}", "Subject": "Code"},
        WebAuthnConfiguration={"RelyingPartyId": "example.com", "UserVerification": "required"})
    return pool


# -- durability -----------------------------------------------------------------------------------------
def test_restart_keeps_pools_and_mfa_config(fresh_server):
    c = fresh_server.client()
    pool = configured_pool(c)
    other = create_pool(c)
    before = snapshot(c, pool["Id"])
    fresh_server.restart()
    c = fresh_server.client()
    assert snapshot(c, pool["Id"]) == before
    assert sorted(p["Id"] for p in c.list_user_pools(MaxResults=60)["UserPools"]) == sorted([pool["Id"], other["Id"]])
    assert os.path.exists(fresh_server.db)


def test_kill9_right_after_200_keeps_the_write(fresh_server):
    c = fresh_server.client()
    pool = create_pool(c)
    resp = c.set_user_pool_mfa_config(UserPoolId=pool["Id"], MfaConfiguration="ON",
                                      SoftwareTokenMfaConfiguration={"Enabled": True})
    assert resp["ResponseMetadata"]["HTTPStatusCode"] == 200
    fresh_server.kill9()
    fresh_server.start()
    c = fresh_server.client()
    assert strip_meta(c.get_user_pool_mfa_config(UserPoolId=pool["Id"])) == {
        "MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": {"Enabled": True}}
    assert c.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["MfaConfiguration"] == "ON"


def test_kill9_after_many_writes_and_a_delete(fresh_server):
    c = fresh_server.client()
    ids = [create_pool(c)["Id"] for _ in range(30)]
    c.delete_user_pool(UserPoolId=ids.pop())
    c.update_user_pool(UserPoolId=ids[0], UserPoolTags={"last": "write"})
    fresh_server.kill9()
    fresh_server.start()
    c = fresh_server.client()
    assert sorted(list_all_pool_ids(c)) == sorted(ids)
    assert c.describe_user_pool(UserPoolId=ids[0])["UserPool"]["UserPoolTags"] == {"last": "write"}


def test_restart_after_kill9_then_sigterm_is_clean(fresh_server):
    c = fresh_server.client()
    pool = create_pool(c)
    fresh_server.kill9()
    fresh_server.start()
    fresh_server.restart()  # asserts exit code 0 on SIGTERM
    assert fresh_server.client().describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Id"] == pool["Id"]


def test_second_server_on_same_db_refuses(fresh_server, tmp_path):
    proc = run_binary(["--port", "0", "--db", fresh_server.db], timeout=20)
    assert proc.returncode != 0, f"second server started:\n{proc.stderr}"
    assert os.path.basename(fresh_server.db) in proc.stderr, proc.stderr
    assert fresh_server.running()
    assert post(fresh_server, "ListUserPools", {"MaxResults": 1}).status == 200


def test_memory_db(memory_server):
    c = memory_server.client()
    pool = create_pool(c)
    assert strip_meta(c.get_user_pool_mfa_config(UserPoolId=pool["Id"])) == {"MfaConfiguration": "OFF"}
    memory_server.restart()
    assert memory_server.client().list_user_pools(MaxResults=60)["UserPools"] == []


def test_two_memory_servers_coexist(server_factory):
    a = server_factory(db=":memory:")
    b = server_factory(db=":memory:")
    create_pool(a.client())
    assert len(a.client().list_user_pools(MaxResults=60)["UserPools"]) == 1
    assert b.client().list_user_pools(MaxResults=60)["UserPools"] == []


# -- signals ----------------------------------------------------------------------------------------------
def test_sigint_exits_zero(fresh_server):
    assert fresh_server.stop(signal.SIGINT) == 0


def test_sigterm_with_idle_keep_alive_connection_exits_zero_promptly(fresh_server):
    conn = fresh_server.connection()
    try:
        assert post(fresh_server, "ListUserPools", {"MaxResults": 1}, conn=conn).status == 200
        start = time.monotonic()
        assert fresh_server.stop() == 0
        assert time.monotonic() - start < 8  # well under the 10 s grace period an unclosed idle connection would cost
    finally:
        conn.close()


def test_one_log_line_per_request(fresh_server):
    time.sleep(0.2)
    before = fresh_server.stderr().splitlines()
    for _ in range(5):
        assert post(fresh_server, "ListUserPools", {"MaxResults": 1}).status == 200
    post(fresh_server, "DescribeUserPool", {"UserPoolId": "us-east-1_AAAAAAAAA"})
    time.sleep(0.3)
    new = [line for line in fresh_server.stderr().splitlines()[len(before):] if line.strip()]
    assert len(new) == 6, new


# -- command line -----------------------------------------------------------------------------------------
def test_help_lists_every_flag_and_env_twin():
    proc = run_binary(["--help"])
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout + proc.stderr
    for flag, env in FLAGS.items():
        assert flag in text, flag
        assert env in text, env
    assert "--help" in text and "--version" in text


def test_version():
    proc = run_binary(["--version"])
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"\d+\.\d+", proc.stdout + proc.stderr), proc.stdout + proc.stderr


@pytest.mark.parametrize("args,mention", [
    (["--port", "abc"], "port"),
    (["--port", "70000"], "port"),
    (["--port", "-1"], "port"),
    (["--log-level", "loud"], "log-level"),
    (["--no-such-flag"], "no-such-flag"),
    (["--port"], "port"),
])
def test_bad_flag_value_exits_non_zero_with_message(tmp_path, args, mention):
    proc = run_binary(["--db", str(tmp_path / "x.sqlite3"), *args], cwd=tmp_path)
    assert proc.returncode != 0, f"accepted {args}: {proc.stderr}"
    assert mention in proc.stderr.lower(), proc.stderr


@pytest.mark.parametrize("env,mention", [
    ({"MOCK_COGNITO_PORT": "abc"}, "port"),
    ({"MOCK_COGNITO_LOG_LEVEL": "loud"}, "log"),
])
def test_bad_env_value_exits_non_zero_with_message(tmp_path, env, mention):
    proc = run_binary(["--db", str(tmp_path / "x.sqlite3")], env=env, cwd=tmp_path)
    assert proc.returncode != 0, proc.stderr
    assert mention in proc.stderr.lower(), proc.stderr


def test_port_env_twin(server_factory):
    port = free_port()
    s = server_factory(env={"MOCK_COGNITO_PORT": str(port)}, use_port_flag=False)
    assert s.port == port
    assert post(s, "ListUserPools", {"MaxResults": 1}).status == 200


def test_db_env_twin(server_factory, tmp_path):
    db = str(tmp_path / "from-env.sqlite3")
    s = server_factory(db="", env={"MOCK_COGNITO_DB": db})
    pool = create_pool(s.client())
    s.restart()
    assert os.path.exists(db)
    assert s.client().describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["Id"] == pool["Id"]


@pytest.mark.parametrize("how", ["flag", "env"])
def test_region_flag_sets_default_region_for_unsigned_requests(server_factory, how):
    s = (server_factory(args=("--region", "eu-central-1")) if how == "flag"
         else server_factory(env={"MOCK_COGNITO_REGION": "eu-central-1"}))
    r = post(s, "CreateUserPool", {"PoolName": "regional"})
    assert r.status == 200, r
    assert re.match(POOL_ID_RE.format(region="eu-central-1"), r.json()["UserPool"]["Id"])
    # a SigV4 credential scope still wins
    assert create_pool(s.client(region="us-west-2"))["Id"].startswith("us-west-2_")


def test_host_flag_and_env_twin(server_factory):
    a = server_factory(args=("--host", "127.0.0.1"))
    b = server_factory(env={"MOCK_COGNITO_HOST": "127.0.0.1"})
    for s in (a, b):
        assert s.host == "127.0.0.1"
        assert post(s, "ListUserPools", {"MaxResults": 1}).status == 200


@pytest.mark.parametrize("level", ["debug", "info", "warning", "error"])
def test_log_levels_are_accepted(server_factory, level):
    s = server_factory(args=("--log-level", level))
    assert post(s, "ListUserPools", {"MaxResults": 1}).status == 200


def test_flag_wins_over_env_twin(server_factory):
    s = server_factory(args=("--region", "ap-south-1"), env={"MOCK_COGNITO_REGION": "eu-central-1"})
    r = post(s, "CreateUserPool", {"PoolName": "precedence"})
    assert r.status == 200, r
    assert r.json()["UserPool"]["Id"].startswith("ap-south-1_"), r.json()["UserPool"]["Id"]


def test_unusable_db_path_fails_with_message(tmp_path):
    (tmp_path / "plainfile").write_text("not a directory")
    bad = str(tmp_path / "plainfile" / "db.sqlite3")  # a parent that is a file: nobody can create this
    proc = run_binary(["--port", "0", "--db", bad], timeout=20)
    assert proc.returncode != 0
    assert "db.sqlite3" in proc.stderr, proc.stderr



# -- concurrent writers -----------------------------------------------------------------------------------
def test_concurrent_writers_lose_nothing_and_survive_restart(fresh_server):
    from concurrent.futures import ThreadPoolExecutor

    c = fresh_server.client()
    target = create_pool(c)
    configs = [
        {"MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": {"Enabled": True}},
        {"MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": {"Enabled": True}},
        {"MfaConfiguration": "OFF"},
    ]

    def worker(i):
        import boto3
        from botocore.config import Config
        client = boto3.client("cognito-idp", endpoint_url=fresh_server.url, region_name="us-east-1",
                              aws_access_key_id="testing", aws_secret_access_key="testing",
                              config=Config(retries={"max_attempts": 1}))
        ids = []
        for j in range(15):
            ids.append(create_pool(client, PoolName=f"concurrent-{i}-{j}")["Id"])
            cfg = configs[(i + j) % len(configs)]
            out = strip_meta(client.set_user_pool_mfa_config(UserPoolId=target["Id"], **cfg))
            assert out == cfg
        return ids

    with ThreadPoolExecutor(8) as ex:
        created = [pid for ids in ex.map(worker, range(8)) for pid in ids]
    assert len(set(created)) == 120

    final = strip_meta(c.get_user_pool_mfa_config(UserPoolId=target["Id"]))
    assert final in configs
    assert c.describe_user_pool(UserPoolId=target["Id"])["UserPool"]["MfaConfiguration"] == final["MfaConfiguration"]
    assert sorted(list_all_pool_ids(c)) == sorted(created + [target["Id"]])
    fresh_server.kill9()
    fresh_server.start()
    c = fresh_server.client()
    assert strip_meta(c.get_user_pool_mfa_config(UserPoolId=target["Id"])) == final
    assert sorted(list_all_pool_ids(c)) == sorted(created + [target["Id"]])
