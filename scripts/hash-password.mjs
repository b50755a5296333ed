// `npm run hash-password`: prints a bcrypt hash for the config file's `auth.users[].passwordHash`.
// Reads the password from stdin (hidden when typed at a terminal), never from the command line,
// so it does not end up in the shell history.
import readline from 'node:readline';

import bcrypt from 'bcryptjs';

async function readPassword() {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stderr,
    terminal: true,
  });
  // Echo nothing while the password is typed.
  rl._writeToOutput = () => {};
  process.stderr.write('Password: ');
  const answer = await new Promise((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

const password = await readPassword();
if (password.length < 8) {
  console.error('Use a password of at least 8 characters.');
  process.exit(1);
}
console.log(await bcrypt.hash(password, 12));
