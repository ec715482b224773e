import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env';
import { AuthService } from './auth.service';
import { generatePassword } from './password';

/** On the first start (no accounts yet) creates the admin and prints its password once. */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Admin');

  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.auth.countUsers()) > 0) return;
    const password = this.config.ADMIN_PASSWORD ?? generatePassword();
    await this.auth.createUser({
      username: this.config.ADMIN_USERNAME,
      displayName: '管理员',
      role: 'admin',
      password,
      mustChangePassword: false,
    });
    this.logger.log(`created the admin account "${this.config.ADMIN_USERNAME}"`);
    if (!this.config.ADMIN_PASSWORD) {
      // Printed straight to the console, once: it is never stored in clear or logged again.
      process.stdout.write(
        [
          '',
          '================================================================',
          `  管理员账号 / admin account:   ${this.config.ADMIN_USERNAME}`,
          `  初始密码 / one-time password: ${password}`,
          '  请登录后在「我的账号」中修改密码。Change it after logging in.',
          '================================================================',
          '',
        ].join('\n') + '\n',
      );
    }
  }
}
