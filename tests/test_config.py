"""Settings: the config file's checks and errors, precedence, and `config set` keeping comments."""

import pytest

from hipcli.config import ConfigFile, KEYS, ConfigError, parse_config, read_config, resolve
from hipcli.configcmd import set_value, show_lines
from hipcli.errors import HipcliError


def test_flag_beats_environment_beats_file_beats_default(tmp_path):
    config = ConfigFile(tmp_path / "config.toml", {"level": "normal", "audio": "off", "voice": True})
    found = resolve({"level": "hard", "digits": None},
                    env={"HIPCLI_LEVEL": "easy", "HIPCLI_AUDIO": "bell", "HIPCLI_COLOR": ""},
                    config=config)
    assert (found["level"].value, found["level"].source) == ("hard", "flag")
    assert (found["audio"].value, found["audio"].source) == ("bell", "environment (HIPCLI_AUDIO)")
    assert (found["voice"].value, found["voice"].source) == (True, "config file")
    # an empty variable and a flag left out (None) count as not given
    assert (found["color"].value, found["color"].source) == ("auto", "default")
    assert (found["digits"].value, found["digits"].source) == ("auto", "default")
    assert (found["affected"].value, found["affected"].source) == (None, "default")
    assert set(found) == set(KEYS)


def test_environment_values_are_checked_and_named():
    with pytest.raises(HipcliError) as error:
        resolve({}, env={"HIPCLI_LEVEL": "harder"}, config=ConfigFile(None, {}))
    assert str(error.value) == ("HIPCLI_LEVEL='harder': expected one of easy, normal, hard, "
                                "got 'harder'")


def test_values_from_text_take_their_types():
    found = resolve({}, env={"HIPCLI_VOICE": "yes", "HIPCLI_PREPARE": "1m", "HIPCLI_DIGITS": "3"},
                    config=ConfigFile(None, {}))
    assert found["voice"].value is True
    assert found["prepare"].value == 60.0
    assert found["digits"].value == "3"


def test_a_good_file_gives_its_values(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('# mine\naudio = "bell"\nvoice = true\nprepare = "8s"\nswitch = 3\n'
                    'digits = 2\naffected = "left"\n')
    assert read_config(path).values == {"audio": "bell", "voice": True, "prepare": 8.0,
                                        "switch": 3.0, "digits": "2", "affected": "left"}


def test_no_file_is_no_settings(tmp_path):
    assert read_config(tmp_path / "config.toml").values == {}


# Columns by hand: in 'level = ' the value would start at column 9; in 'voice = ' at 9;
# in 'prepare = ' at 11; in 'digits = ' at 10.
@pytest.mark.parametrize("text,where,message", [
    ('audio = "bell"\nlevel = \n', "2:9", "TOML syntax error: invalid value"),
    ('audio = "bell"\nlevle = "hard"\n', "2:1", "unknown key 'levle' (did you mean 'level'?)"),
    ('  colour = "never"\n', "1:3", "unknown key 'colour' (did you mean 'color'?)"),
    ('zzz = 1\n', "1:1", "unknown key 'zzz' (known keys: audio, voice, affected, level, "
                         "prepare, switch, digits, color)"),
    ('voice = "loud"\n', "1:9", "voice: expected true or false, got 'loud'"),
    ('\nprepare = true\n', "2:11", "prepare: expected a number of seconds, got true"),
    ('prepare = 900\n', "1:11", "prepare: expected 0 to 600 seconds, got 900"),
    ('digits = 9\n', "1:10", "digits: expected auto or a size from 1 to 8, got 9"),
    ('level = "Hardest"\n', "1:9", "level: expected one of easy, normal, hard, got 'Hardest'"),
    ('[start]\nlevel = "hard"\n', "1:2",
     "settings are keys at the top of the file, not in a [start] table"),
    ('audio = "bell"\naudio = "off"\n', "2:1", "TOML syntax error: 'audio' is set twice"),
])
def test_each_problem_is_located_and_explained(text, where, message):
    with pytest.raises(ConfigError) as error:
        parse_config(text, "config.toml")
    assert str(error.value) == f"config.toml:{where}: {message}"


def test_a_file_that_is_not_text_is_reported(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b"audio = \xff\n")
    with pytest.raises(ConfigError) as error:
        read_config(path)
    assert str(error.value) == f"{path}:1:1: cannot be read (UnicodeDecodeError)"


def test_set_creates_a_small_file_when_there_is_none(tmp_path):
    path = tmp_path / "new" / "config.toml"
    assert set_value("digits", "3", path=path) == (path, "3")
    lines = path.read_text().splitlines()
    assert lines[0].startswith("# hipcli settings") and lines[1:] == ["digits = 3"]
    assert read_config(path).values == {"digits": "3"}


def test_set_keeps_comments_order_and_other_keys(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('# my settings\nlevel = "normal"   # for now\n\n# sound\naudio = "off"\n')
    set_value("audio", "bell", path=path)
    set_value("level", "hard", path=path)
    set_value("voice", "true", path=path)
    assert path.read_text() == ('# my settings\nlevel = "hard"   # for now\n\n# sound\n'
                                'audio = "bell"\nvoice = true\n')


@pytest.mark.parametrize("key,value,message", [
    ("levle", "hard", "unknown key 'levle' (did you mean 'level'?)"),
    ("prepare", "soon", "prepare: expected a number of seconds such as 5 or \"5s\", got 'soon'"),
])
def test_set_refuses_what_the_file_could_not_hold(tmp_path, key, value, message):
    path = tmp_path / "config.toml"
    path.write_text('audio = "off"\n')
    with pytest.raises(HipcliError) as error:
        set_value(key, value, path=path)
    assert str(error.value) == message
    assert path.read_text() == 'audio = "off"\n'


def test_set_leaves_a_broken_file_alone_and_says_where(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('audio = "off\n')
    with pytest.raises(ConfigError) as error:
        set_value("voice", "true", path=path)
    assert str(error.value).startswith(f"{path}:1:")
    assert path.read_text() == 'audio = "off\n'


def test_show_lists_every_key_with_its_value_and_source(tmp_path):
    config = ConfigFile(tmp_path / "config.toml", {"audio": "bell"})
    lines = show_lines(resolve({}, env={"HIPCLI_PREPARE": "7"}, config=config), config)
    assert lines[0] == f"config file: {tmp_path / 'config.toml'} (not created yet)"
    assert lines[1:] == [
        'audio     "bell"   config file',
        "voice     false    default",
        "affected  (unset)  default",
        "level     (unset)  default",
        "prepare   7        environment (HIPCLI_PREPARE)",
        "switch    (unset)  default",
        'digits    "auto"   default',
        'color     "auto"   default',
    ]
