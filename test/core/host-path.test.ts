import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparablePath, isWindowsPath, isWithin, relativeWithin, samePath } from '../../lib/core/host-path.js';

describe('paths from Windows agents, compared anywhere', () => {
  it('recognises drive letters and UNC shares, not POSIX or relative paths', () => {
    for (const path of ['C:\\Users\\Dev', 'c:/Users/Dev', 'D:', 'Z:\\', '\\\\nas\\share\\app']) assert.ok(isWindowsPath(path), path);
    for (const path of ['/home/dev', 'src\\db.ts', 'C:relative', '', 'http://x']) assert.ok(!isWindowsPath(path), path);
  });

  it('treats drive-letter case, folder case, separators and a trailing separator as the same folder', () => {
    assert.ok(samePath('C:\\Users\\Dev\\src\\Acme-API', 'c:/users/dev/src/acme-api/'));
    assert.ok(samePath('\\\\NAS\\Share\\App', '//nas/share/app'));
    assert.equal(comparablePath('C:\\'), 'c:');
    assert.ok(!samePath('C:\\src\\app', 'D:\\src\\app'), 'another drive is another folder');
    assert.ok(!samePath('/home/dev/App', '/home/dev/app'), 'POSIX paths keep their case');
  });

  it('nests on segment boundaries only', () => {
    assert.ok(isWithin('C:\\Repo', 'c:\\repo\\api'));
    assert.ok(isWithin('C:\\', 'C:\\anything'));
    assert.ok(!isWithin('C:\\Repo', 'C:\\Repo-other'));
    assert.ok(!isWithin('C:\\Repo', 'D:\\Repo\\api'));
    assert.ok(isWithin('/repo', '/repo/api/'));
    assert.ok(!isWithin('/repo', '/repo-other'));
  });

  it('lists a file under the cwd relative to it with forward slashes, and leaves other files alone', () => {
    assert.equal(relativeWithin('C:\\Users\\Dev\\src\\Acme-API\\src\\db.ts', 'c:\\users\\dev\\src\\acme-api'), 'src/db.ts');
    assert.equal(relativeWithin('C:/Users/Dev/src/Acme-API/README.md', 'C:\\Users\\Dev\\src\\Acme-API\\'), 'README.md');
    assert.equal(relativeWithin('\\\\nas\\share\\app\\lib\\x.ts', '\\\\nas\\share\\app'), 'lib/x.ts');
    assert.equal(relativeWithin('D:\\other\\x.ts', 'C:\\Users\\Dev'), 'D:\\other\\x.ts');
    assert.equal(relativeWithin('/home/dev/app/src/a.ts', '/home/dev/app'), 'src/a.ts');
    assert.equal(relativeWithin('/home/dev/App/src/a.ts', '/home/dev/app'), '/home/dev/App/src/a.ts');
    assert.equal(relativeWithin('C:\\App', 'C:\\App'), 'C:\\App', 'the cwd itself stays a path');
  });
});
