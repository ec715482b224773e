import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { createUserInputSchema, type UserDto } from '@dangshi/protocol';
import { jsonSchema, zodDto } from '../common/zod-dto';
import { AuthService } from './auth.service';
import { Roles } from './decorators';
import { toUserDto } from './user.entity';

class CreateUserDto extends zodDto(createUserInputSchema) {}

@ApiTags('users')
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  async list(): Promise<UserDto[]> {
    return (await this.auth.listUsers()).map(toUserDto);
  }

  /** A new account must change its password at first login. */
  @Post()
  @ApiBody({ schema: jsonSchema(createUserInputSchema) })
  async create(@Body() input: CreateUserDto): Promise<UserDto> {
    return toUserDto(await this.auth.createUser(input));
  }
}
